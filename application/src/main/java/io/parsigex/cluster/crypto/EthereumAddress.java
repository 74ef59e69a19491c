package io.parsigex.cluster.crypto;

import io.parsigex.libp2p.crypto.Secp256k1PublicKey;
import java.util.Arrays;

/** The Ethereum address of a secp256k1 key: the last 20 bytes of keccak256(x ‖ y). */
public final class EthereumAddress {

  /** Bytes of an address. */
  public static final int LENGTH = 20;

  private EthereumAddress() {}

  /**
   * The address of a key.
   *
   * @param key the public key
   * @return 20 bytes
   */
  public static byte[] of(Secp256k1PublicKey key) {
    byte[] uncompressed = key.uncompressed();
    byte[] h = Keccak256.hash(Arrays.copyOfRange(uncompressed, 1, uncompressed.length));
    return Arrays.copyOfRange(h, h.length - LENGTH, h.length);
  }
}
