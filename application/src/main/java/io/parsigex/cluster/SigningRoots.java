package io.parsigex.cluster;

/**
 * Signing roots of the eth2 messages a lock pre-signs, with domains computed from the lock's fork
 * version and a zero genesis validators root (as the builder and deposit specs define them):
 * {@code hash_tree_root(SigningData(hash_tree_root(message), compute_domain(type, fork, 0)))}.
 * {@code compute_domain} and {@code compute_signing_root} are the chain's own
 * ({@link io.parsigex.eth2.signing.SigningRoots}); only the messages' hashing is the lock's.
 */
final class SigningRoots {

  private static final byte[] DOMAIN_APPLICATION_BUILDER = {0x00, 0x00, 0x00, 0x01};
  private static final int ROOT_LENGTH = 32;

  private SigningRoots() {}

  /** Of a {@code ValidatorRegistrationV1(fee_recipient, gas_limit, timestamp, pubkey)}. */
  static byte[] registration(byte[] feeRecipient, long gasLimit, long timestamp, byte[] pubkey,
      byte[] forkVersion) {
    MerkleHasher h = new MerkleHasher();
    int msg = h.index();
    h.putBytes(feeRecipient);
    h.putUint64(gasLimit);
    h.putUint64(timestamp);
    h.putBytes(pubkey);
    h.merkleize(msg);
    return signingRoot(h.root(), domain(DOMAIN_APPLICATION_BUILDER, forkVersion));
  }

  static byte[] signingRoot(byte[] objectRoot, byte[] domain) {
    return io.parsigex.eth2.signing.SigningRoots.computeSigningRoot(objectRoot, domain);
  }

  static byte[] domain(byte[] domainType, byte[] forkVersion) {
    return io.parsigex.eth2.signing.SigningRoots.computeDomain(domainType, forkVersion,
        new byte[ROOT_LENGTH]);
  }
}
