package io.parsigex.eth2.ssz;

import org.bouncycastle.crypto.digests.KeccakDigest;

/** EIP-55 mixed-case checksum encoding of 20-byte execution addresses. */
public final class Eip55 {
  /** Bytes in an execution address. */
  public static final int ADDRESS_LENGTH = 20;
  private static final int KECCAK_BITS = 256;

  private Eip55() {}

  /**
   * The checksummed text of an address.
   *
   * @param address 20 bytes
   * @return {@code 0x} + 40 hex digits, letters upper-cased where the keccak nibble is 8 or more
   */
  public static String checksummed(Bytes address) {
    String lower = address.toHex().substring(2);
    KeccakDigest k = new KeccakDigest(KECCAK_BITS);
    byte[] ascii = lower.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    k.update(ascii, 0, ascii.length);
    byte[] hash = new byte[KECCAK_BITS / 8];
    k.doFinal(hash, 0);
    StringBuilder sb = new StringBuilder(2 + lower.length()).append("0x");
    for (int i = 0; i < lower.length(); i++) {
      char c = lower.charAt(i);
      int nibble = (hash[i / 2] >> (i % 2 == 0 ? 4 : 0)) & 0xf;
      sb.append(c >= 'a' && nibble >= 8 ? Character.toUpperCase(c) : c);
    }
    return sb.toString();
  }
}
