package io.parsigex.plugins.bls;

import io.parsigex.api.ClusterShares;
import io.parsigex.api.Duty;
import io.parsigex.api.DutyType;
import io.parsigex.api.Eth2Signing;
import io.parsigex.api.PubKey;
import io.parsigex.api.SignedData;
import io.parsigex.api.VerificationRequest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import supranational.blst.P1;
import supranational.blst.P2;
import supranational.blst.P2_Affine;
import supranational.blst.SecretKey;

/** A cluster of one member with n validators, each share signing a random root. */
final class Fixtures {

  static final String PEER = "16Uiu2HAmBench";

  final ClusterShares cluster;
  final List<VerificationRequest> requests;
  final List<SecretKey> keys;

  private Fixtures(ClusterShares cluster, List<VerificationRequest> requests, List<SecretKey> keys) {
    this.cluster = cluster;
    this.requests = requests;
    this.keys = keys;
  }

  static Fixtures create(int n, Random random) {
    return create(n, n, random);
  }

  /** n entries whose signing roots are drawn from {@code roots} distinct values. */
  static Fixtures create(int n, int roots, Random random) {
    List<byte[]> pool = new ArrayList<>();
    for (int r = 0; r < roots; r++) {
      byte[] root = new byte[32];
      random.nextBytes(root);
      pool.add(root);
    }
    Map<PubKey, List<PubKey>> shares = new HashMap<>();
    List<VerificationRequest> requests = new ArrayList<>();
    List<SecretKey> keys = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      SecretKey share = key(random);
      PubKey group = PubKey.fromBytes(new P1(key(random)).compress());
      shares.put(group, List.of(PubKey.fromBytes(new P1(share).compress())));
      byte[] root = roots == n ? pool.get(i) : pool.get(random.nextInt(roots));
      byte[] sig = sign(share, root);
      requests.add(new VerificationRequest(PEER, 1, new Duty(1, DutyType.ATTESTER), group, 1,
          Optional.of(root), sig, new Data(sig)));
      keys.add(share);
    }
    return new Fixtures(new ClusterShares(shares, Map.of(PEER, 1)), requests, keys);
  }

  /** The entries of both, in order, in one cluster holding the validators of both. */
  static Fixtures merge(Fixtures a, Fixtures b) {
    Map<PubKey, List<PubKey>> shares = new HashMap<>(a.cluster.publicShares());
    shares.putAll(b.cluster.publicShares());
    List<VerificationRequest> requests = new ArrayList<>(a.requests);
    requests.addAll(b.requests);
    List<SecretKey> keys = new ArrayList<>(a.keys);
    keys.addAll(b.keys);
    return new Fixtures(new ClusterShares(shares, Map.of(PEER, 1)), requests, keys);
  }

  /** The same entry with another signature. */
  static VerificationRequest withSignature(VerificationRequest r, byte[] sig) {
    return new VerificationRequest(r.senderPeerId(), r.senderShareIndex(), r.duty(), r.pubKey(),
        r.shareIndex(), r.signingRoot(), sig, new Data(sig));
  }

  /** A compressed point on the G2 curve that is not in the prime-order subgroup. */
  static byte[] notInSubgroup(Random random) {
    for (int attempt = 0; attempt < 1000; attempt++) {
      byte[] b = new byte[96];
      random.nextBytes(b);
      b[0] = (byte) ((b[0] & 0x1f) | 0x80);
      try {
        P2_Affine p = new P2_Affine(b);
        if (p.on_curve() && !p.is_inf() && !p.in_group()) {
          return b;
        }
      } catch (RuntimeException notOnCurve) {
        // Half of all x have no point; try another.
      }
    }
    throw new IllegalStateException("no off-subgroup point found in 1000 attempts");
  }

  static SecretKey key(Random random) {
    byte[] ikm = new byte[32];
    random.nextBytes(ikm);
    SecretKey sk = new SecretKey();
    sk.keygen(ikm);
    return sk;
  }

  static byte[] sign(SecretKey key, byte[] root) {
    return new P2().hash_to(root, BatchVerifier.DST).sign_with(key).compress();
  }

  /** Minimal signed data; only its signature is read by the verifier. */
  record Data(byte[] signature) implements SignedData {
    @Override
    public String typeName() {
      return "Bench";
    }

    @Override
    public byte[] signature() {
      return signature.clone();
    }

    @Override
    public Optional<Eth2Signing> eth2Signing(long slotsPerEpoch) {
      return Optional.empty();
    }

    @Override
    public String toCharonJson() {
      return "{}";
    }
  }
}
