package io.parsigex.libp2p.noise;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The Noise SymmetricState for SHA-256 and ChaChaPoly (chaining key, handshake hash, cipher). */
final class SymmetricState {

  static final String PROTOCOL_NAME = "Noise_XX_25519_ChaChaPoly_SHA256";
  private static final int HASH_LENGTH = 32;

  private byte[] ck;
  private byte[] h;
  private NoiseCipher cipher;

  SymmetricState() {
    byte[] name = PROTOCOL_NAME.getBytes(StandardCharsets.US_ASCII);
    h = name.length == HASH_LENGTH ? name : sha256(name);
    ck = h.clone();
    mixHash(new byte[0]); // empty prologue
  }

  void mixHash(byte[] data) {
    h = sha256(h, data);
  }

  void mixKey(byte[] ikm) {
    byte[][] out = hkdf(ck, ikm);
    ck = out[0];
    cipher = new NoiseCipher(out[1]);
  }

  byte[] encryptAndHash(byte[] plaintext) throws NoiseException {
    byte[] c = cipher == null ? plaintext.clone() : cipher.encrypt(h, plaintext);
    mixHash(c);
    return c;
  }

  byte[] decryptAndHash(byte[] data, int offset, int length) throws NoiseException {
    byte[] c = Arrays.copyOfRange(data, offset, offset + length);
    byte[] p = cipher == null ? c : cipher.decrypt(h, c, 0, c.length);
    mixHash(c);
    return p;
  }

  boolean hasKey() {
    return cipher != null;
  }

  NoiseCipher[] split() {
    byte[][] out = hkdf(ck, new byte[0]);
    return new NoiseCipher[] {new NoiseCipher(out[0]), new NoiseCipher(out[1])};
  }

  byte[] handshakeHash() {
    return h.clone();
  }

  private static byte[][] hkdf(byte[] chainingKey, byte[] ikm) {
    byte[] temp = hmac(chainingKey, ikm);
    byte[] out1 = hmac(temp, new byte[] {1});
    byte[] in2 = Arrays.copyOf(out1, out1.length + 1);
    in2[out1.length] = 2;
    byte[] out2 = hmac(temp, in2);
    return new byte[][] {out1, out2};
  }

  private static byte[] hmac(byte[] key, byte[] data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK lacks HmacSHA256", e);
    }
  }

  private static byte[] sha256(byte[]... parts) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      for (byte[] p : parts) {
        md.update(p);
      }
      return md.digest();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK lacks SHA-256", e);
    }
  }
}
