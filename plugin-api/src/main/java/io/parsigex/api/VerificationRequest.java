package io.parsigex.api;

import java.util.Objects;
import java.util.Optional;

/**
 * One partial signature to verify, with everything a verifier needs. Immutable.
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

  /** Validates and copies the byte arrays. */
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
