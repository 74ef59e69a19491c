package io.parsigex.libp2p.crypto;

import java.util.Arrays;
import java.util.HexFormat;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * A remote Ed25519 public key (verification only).
 *
 * @param bytes the 32-byte key
 */
public record Ed25519PublicKey(byte[] bytes) implements PublicKey {

  /**
   * Validates and copies the key.
   *
   * @param bytes 32 bytes
   */
  public Ed25519PublicKey {
    bytes = bytes.clone();
    if (bytes.length != Ed25519.PUBLIC_KEY_SIZE) {
      throw new IllegalArgumentException("Ed25519 public key must be 32 bytes");
    }
  }

  /**
   * Decodes a key, checking it is a valid point.
   *
   * @param bytes 32 bytes
   * @return the key
   * @throws KeyException.Malformed for a wrong length or an invalid point
   */
  public static Ed25519PublicKey fromBytes(byte[] bytes) throws KeyException {
    if (bytes.length != Ed25519.PUBLIC_KEY_SIZE) {
      throw new KeyException.Malformed("an Ed25519 public key must be 32 bytes");
    }
    if (!Ed25519.validatePublicKeyPartial(bytes, 0)) {
      throw new KeyException.Malformed("Ed25519 public key is not a valid point");
    }
    return new Ed25519PublicKey(bytes);
  }

  @Override
  public KeyType type() {
    return KeyType.ED25519;
  }

  @Override
  public byte[] bytes() {
    return bytes.clone();
  }

  @Override
  public byte[] raw() {
    return bytes.clone();
  }

  @Override
  public boolean verify(byte[] message, byte[] signature) {
    if (signature == null || signature.length != Ed25519.SIGNATURE_SIZE) {
      return false;
    }
    try {
      return Ed25519.verify(signature, 0, bytes, 0, message, 0, message.length);
    } catch (RuntimeException e) {
      return false;
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Ed25519PublicKey k && Arrays.equals(bytes, k.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return "Ed25519PublicKey[" + HexFormat.of().formatHex(bytes) + "]";
  }
}
