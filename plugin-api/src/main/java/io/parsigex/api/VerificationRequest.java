package io.parsigex.api;

import java.util.Objects;
import java.util.Optional;

/**
 * One partial signature to verify, with everything a verifier needs. Immutable; the byte arrays
 * are copied in and out, so a verifier may keep or change what it reads.
 *
 * <p>The node builds one request per entry of a received set, after the gaters allowed the duty
 * and the codec decoded every entry, and passes all requests of one set to
 * {@link PartialSignatureVerifier#verifyAll} in public-key order. Nothing in a request has been
 * checked cryptographically: the share index and the signature are what the sender claimed.
 *
 * <table>
 *   <caption>Fields</caption>
 *   <tr><th>field</th><th>what it is</th><th>checked by the node before the call</th></tr>
 *   <tr><td>{@code senderPeerId}</td><td>the libp2p peer id of the connection the set came
 *       from, base58 ({@code 16Uiu2…})</td><td>authenticated by the Noise handshake</td></tr>
 *   <tr><td>{@code senderShareIndex}</td><td>the share index the cluster lock gives that peer,
 *       0 for a peer outside the cluster (a relay)</td><td>looked up, not claimed</td></tr>
 *   <tr><td>{@code duty}</td><td>the duty of the whole set (type and slot)</td><td>the gaters
 *       allowed it</td></tr>
 *   <tr><td>{@code pubKey}</td><td>the validator (group) public key the entry is keyed by</td>
 *       <td>48 bytes; not that the validator is in the cluster</td></tr>
 *   <tr><td>{@code shareIndex}</td><td>the share index the entry claims to be signed with</td>
 *       <td>at least 1; not that it equals {@code senderShareIndex}</td></tr>
 *   <tr><td>{@code signingRoot}</td><td>the 32-byte {@code compute_signing_root} of the data
 *       under the duty's domain; empty when the data is not an Ethereum consensus object (a
 *       plugin codec's own type)</td><td>computed by the node</td></tr>
 *   <tr><td>{@code signature}</td><td>the partial signature taken from the payload (96 bytes
 *       for BLS)</td><td>nothing</td></tr>
 *   <tr><td>{@code data}</td><td>the decoded payload</td><td>it decoded</td></tr>
 * </table>
 *
 * <p>A verifier must check at least that the signature verifies under the public share
 * {@code context.cluster().publicShare(pubKey, shareIndex)} and that {@code shareIndex ==
 * senderShareIndex} (a member may only send its own share). The request does not say which
 * member received it: in the demo one verifier instance serves every demo member of the process.
 *
 * @param senderPeerId the authenticated libp2p peer id of the sender (base58 text, {@code 16Uiu2…})
 * @param senderShareIndex the share index the cluster assigns to the sender, or 0 when the sender
 *     holds no share (a relay or a peer outside the cluster)
 * @param duty the duty
 * @param pubKey the validator (group) public key the entry is keyed by
 * @param shareIndex the share index claimed by the entry
 * @param signingRoot the 32-byte signing root ({@code compute_signing_root}); empty when the data is
 *     not an eth2 object
 * @param signature the partial signature taken from the payload
 * @param data the decoded payload
 */
public record VerificationRequest(
    String senderPeerId,
    int senderShareIndex,
    Duty duty,
    PubKey pubKey,
    int shareIndex,
    Optional<byte[]> signingRoot,
    byte[] signature,
    SignedData data) {

  /**
   * Validates and copies the byte arrays.
   *
   * @param senderPeerId the authenticated libp2p peer id of the sender (base58 text, {@code 16Uiu2…})
   * @param senderShareIndex the share index the cluster assigns to the sender, or 0 when the sender
   *     holds no share (a relay or a peer outside the cluster)
   * @param duty the duty
   * @param pubKey the validator (group) public key the entry is keyed by
   * @param shareIndex the share index claimed by the entry
   * @param signingRoot the 32-byte signing root ({@code compute_signing_root}); empty when the data is
   *     not an eth2 object
   * @param signature the partial signature taken from the payload
   * @param data the decoded payload
   */
  public VerificationRequest {
    Objects.requireNonNull(senderPeerId, "senderPeerId");
    Objects.requireNonNull(duty, "duty");
    Objects.requireNonNull(pubKey, "pubKey");
    Objects.requireNonNull(signingRoot, "signingRoot");
    Objects.requireNonNull(signature, "signature");
    Objects.requireNonNull(data, "data");
    signingRoot = signingRoot.map(byte[]::clone);
    signature = signature.clone();
  }

  /**
   * The signing root.
   *
   * @return a copy of the 32 bytes, or empty for non-eth2 data
   */
  @Override
  public Optional<byte[]> signingRoot() {
    return signingRoot.map(byte[]::clone);
  }

  /**
   * The signature.
   *
   * @return a copy of the bytes
   */
  @Override
  public byte[] signature() {
    return signature.clone();
  }
}
