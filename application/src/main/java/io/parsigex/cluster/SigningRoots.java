package io.parsigex.cluster;

/**
 * Signing roots of the eth2 messages a lock pre-signs, with domains computed from the lock's fork
 * version and a zero genesis validators root (as the builder and deposit specs define them):
 * {@code hash_tree_root(SigningData(hash_tree_root(message), compute_domain(type, fork, 0)))}.
 */
final class SigningRoots {

  private static final byte[] DOMAIN_APPLICATION_BUILDER = {0x00, 0x00, 0x00, 0x01};
  private static final byte[] DOMAIN_DEPOSIT = {0x03, 0x00, 0x00, 0x00};
  private static final int DOMAIN_LENGTH = 32;
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

  /** Of a {@code DepositMessage(pubkey, withdrawal_credentials, amount)}. */
  static byte[] depositMessage(byte[] pubkey, byte[] withdrawalCredentials, long amount,
      byte[] forkVersion) {
    MerkleHasher h = new MerkleHasher();
    int msg = h.index();
    h.putBytes(pubkey);
    h.putBytes(withdrawalCredentials);
    h.putUint64(amount);
    h.merkleize(msg);
    return signingRoot(h.root(), domain(DOMAIN_DEPOSIT, forkVersion));
  }

  private static byte[] signingRoot(byte[] objectRoot, byte[] domain) {
    MerkleHasher s = new MerkleHasher();
    int i = s.index();
    s.putBytes(objectRoot);
    s.putBytes(domain);
    s.merkleize(i);
    return s.root();
  }

  private static byte[] domain(byte[] domainType, byte[] forkVersion) {
    MerkleHasher f = new MerkleHasher();
    int i = f.index();
    f.putBytes(forkVersion);
    f.putBytes(new byte[ROOT_LENGTH]);
    f.merkleize(i);
    byte[] forkDataRoot = f.root();
    byte[] domain = new byte[DOMAIN_LENGTH];
    System.arraycopy(domainType, 0, domain, 0, domainType.length);
    System.arraycopy(forkDataRoot, 0, domain, domainType.length, DOMAIN_LENGTH - domainType.length);
    return domain;
  }
}
