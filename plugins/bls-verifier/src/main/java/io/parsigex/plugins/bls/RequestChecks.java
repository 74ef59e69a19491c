package io.parsigex.plugins.bls;

import io.parsigex.api.ClusterView;
import io.parsigex.api.PubKey;
import io.parsigex.api.VerificationRequest;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import supranational.blst.P1_Affine;
import supranational.blst.P2_Affine;

/**
 * The checks made before any pairing: share index bound to the authenticated sender, known validator
 * and share, eth2 data with a signing root, and well-formed points in their prime-order subgroups.
 * Each failure is a sentence an operator can act on.
 */
final class RequestChecks {

  /** Length of a compressed G2 signature. */
  static final int SIGNATURE_LENGTH = 96;

  /** Length of a signing root. */
  static final int ROOT_LENGTH = 32;

  /** Most decoded public shares kept; beyond that shares are decoded on every use. */
  static final int MAX_CACHED_SHARES = 65_536;

  private final ClusterView cluster;
  /** Decoded, subgroup-checked public shares: derived from the immutable cluster view. */
  private final Map<PubKey, P1_Affine> decodedShares = new ConcurrentHashMap<>();

  RequestChecks(ClusterView cluster) {
    this.cluster = cluster;
  }

  /** The decoded share, or null when it is not a G1 subgroup point. */
  private P1_Affine decodeShare(PubKey share) {
    P1_Affine cached = decodedShares.get(share);
    if (cached != null) {
      return cached;
    }
    P1_Affine p = decode(share.bytes(), P1_Affine::new);
    if (p == null || p.is_inf() || !p.in_group()) {
      return null;
    }
    if (decodedShares.size() < MAX_CACHED_SHARES) {
      decodedShares.put(share, p);
    }
    return p;
  }

  /**
   * Checks one request.
   *
   * @param index its position
   * @param r the request
   * @return the decoded entry on the right, or the reason for refusal on the left
   */
  Either check(int index, VerificationRequest r) {
    if (r.shareIndex() < 1) {
      return Either.refuse("share index " + r.shareIndex() + " is not a share index (they start at 1)");
    }
    if (r.senderShareIndex() < 1) {
      return Either.refuse("sender " + r.senderPeerId() + " holds no share in this cluster");
    }
    if (r.shareIndex() != r.senderShareIndex()) {
      return Either.refuse("share index " + r.shareIndex() + " was sent by peer " + r.senderPeerId()
          + ", which holds share index " + r.senderShareIndex());
    }
    Optional<byte[]> root = r.signingRoot();
    if (root.isEmpty()) {
      return Either.refuse(r.data().typeName() + " is not an eth2 object: no signing root to verify "
          + "a BLS signature against");
    }
    if (root.get().length != ROOT_LENGTH) {
      return Either.refuse("the signing root has " + root.get().length + " bytes, not 32");
    }
    Optional<PubKey> share = cluster.publicShare(r.pubKey(), r.shareIndex());
    if (share.isEmpty()) {
      return Either.refuse("unknown pubkey " + r.pubKey() + " or share index " + r.shareIndex()
          + ", not part of the cluster lock");
    }
    byte[] sig = r.signature();
    if (sig.length != SIGNATURE_LENGTH) {
      return Either.refuse("a BLS signature has 96 bytes, got " + sig.length);
    }
    if (allZero(sig)) {
      return Either.refuse("the signature is all zeros");
    }
    P2_Affine signature = decode(sig, P2_Affine::new);
    if (signature == null || signature.is_inf()) {
      return Either.refuse("the signature is not a valid compressed G2 point");
    }
    if (!signature.in_group()) {
      return Either.refuse("the signature is not in the G2 subgroup");
    }
    P1_Affine publicShare = decodeShare(share.get());
    if (publicShare == null) {
      return Either.refuse("the public share " + share.get() + " for share index " + r.shareIndex()
          + " is not a G1 subgroup point; the cluster lock is corrupt");
    }
    return Either.ok(new Checked(index, publicShare, signature, root.get()));
  }

  private static <T> T decode(byte[] bytes, Function<byte[], T> parser) {
    try {
      return parser.apply(bytes);
    } catch (RuntimeException e) {
      // blst reports bad encodings and off-curve points as runtime exceptions.
      return null;
    }
  }

  private static boolean allZero(byte[] b) {
    int acc = 0;
    for (byte x : b) {
      acc |= x;
    }
    return acc == 0;
  }

  /**
   * A checked entry or the reason it was refused.
   *
   * @param entry the entry, or null
   * @param refusal the reason, or null
   */
  record Either(Checked entry, String refusal) {
    static Either ok(Checked entry) {
      return new Either(entry, null);
    }

    static Either refuse(String reason) {
      return new Either(null, reason);
    }
  }
}
