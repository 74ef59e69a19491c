package io.parsigex.cluster;

/**
 * Signing roots of builder (validator) registrations: {@code hash_tree_root(SigningData(
 * hash_tree_root(ValidatorRegistrationV1), compute_domain(DOMAIN_APPLICATION_BUILDER, fork
 * version, zero genesis validators root)))}, as the builder specs and Charon define them.
 */
final class Registrations {

  private static final byte[] DOMAIN_APPLICATION_BUILDER = {0x00, 0x00, 0x00, 0x01};
  private static final int DOMAIN_LENGTH = 32;
  private static final int ROOT_LENGTH = 32;

  private Registrations() {}

  static byte[] signingRoot(byte[] feeRecipient, long gasLimit, long timestamp, byte[] pubkey,
      byte[] forkVersion) {
    MerkleHasher h = new MerkleHasher();
    int msg = h.index();
    h.putBytes(feeRecipient);
    h.putUint64(gasLimit);
    h.putUint64(timestamp);
    h.putBytes(pubkey);
    h.merkleize(msg);
    byte[] objectRoot = h.root();
    byte[] domain = domain(forkVersion);
    MerkleHasher s = new MerkleHasher();
    int i = s.index();
    s.putBytes(objectRoot);
    s.putBytes(domain);
    s.merkleize(i);
    return s.root();
  }

  private static byte[] domain(byte[] forkVersion) {
    MerkleHasher f = new MerkleHasher();
    int i = f.index();
    f.putBytes(forkVersion);
    f.putBytes(new byte[ROOT_LENGTH]);
    f.merkleize(i);
    byte[] forkDataRoot = f.root();
    byte[] domain = new byte[DOMAIN_LENGTH];
    System.arraycopy(DOMAIN_APPLICATION_BUILDER, 0, domain, 0, DOMAIN_APPLICATION_BUILDER.length);
    System.arraycopy(forkDataRoot, 0, domain, DOMAIN_APPLICATION_BUILDER.length,
        DOMAIN_LENGTH - DOMAIN_APPLICATION_BUILDER.length);
    return domain;
  }
}
