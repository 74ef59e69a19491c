package io.parsigex.libp2p.crypto;

/** libp2p key types this stack understands, with their protobuf {@code KeyType} numbers. */
public enum KeyType {
  /** Ed25519 (verify only). */
  ED25519(1),
  /** secp256k1, Charon's identity key type. */
  SECP256K1(2);

  private final int code;

  KeyType(int code) {
    this.code = code;
  }

  /**
   * The protobuf enum number.
   *
   * @return 1 or 2
   */
  public int code() {
    return code;
  }
}
