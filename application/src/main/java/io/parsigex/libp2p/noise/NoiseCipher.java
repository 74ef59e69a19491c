package io.parsigex.libp2p.noise;

import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.modes.ChaCha20Poly1305;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * A Noise CipherState for ChaChaPoly: a 32-byte key and a 64-bit message counter, used as the
 * nonce (4 zero bytes, then the counter little-endian). Every message gets a fresh nonce; the
 * counter value 2^64-1 is reserved, so the cipher refuses to go beyond it. Not thread-safe.
 *
 * <p>The AEAD is BouncyCastle's lightweight ChaCha20-Poly1305 (RFC 8439): it is re-keyed for every
 * message, and on Java 17 it does that several times faster than the JCE provider's.
 */
final class NoiseCipher {

  /** Bytes of the Poly1305 tag. */
  static final int TAG_LENGTH = 16;
  /** Bytes of a key. */
  static final int KEY_LENGTH = 32;
  private static final int NONCE_LENGTH = 12;
  /** The reserved counter value (2^64-1 as an unsigned long). */
  private static final long RESERVED_NONCE = -1L;
  private static final int TAG_BITS = TAG_LENGTH * Byte.SIZE;
  private static final byte[] NO_AD = new byte[0];

  private final KeyParameter key;
  private final ChaCha20Poly1305 cipher = new ChaCha20Poly1305();
  private long nonce;

  NoiseCipher(byte[] key) {
    this(key, 0);
  }

  NoiseCipher(byte[] key, long firstNonce) {
    if (key.length != KEY_LENGTH) {
      throw new IllegalArgumentException("ChaChaPoly key must be 32 bytes");
    }
    this.key = new KeyParameter(key);
    this.nonce = firstNonce;
  }

  long nonce() {
    return nonce;
  }

  byte[] encrypt(byte[] ad, byte[] plaintext) throws NoiseException {
    init(true, ad);
    byte[] out = new byte[plaintext.length + TAG_LENGTH];
    try {
      int n = cipher.processBytes(plaintext, 0, plaintext.length, out, 0);
      cipher.doFinal(out, n);
      return out;
    } catch (InvalidCipherTextException | RuntimeException e) {
      throw new IllegalStateException("ChaCha20-Poly1305 encryption failed", e);
    }
  }

  byte[] decrypt(byte[] ad, byte[] ciphertext, int offset, int length) throws NoiseException {
    if (length < TAG_LENGTH) {
      throw new NoiseException.DecryptFailed("ciphertext of " + length
          + " bytes is shorter than the 16-byte tag", null);
    }
    init(false, ad);
    byte[] out = new byte[length - TAG_LENGTH];
    try {
      int n = cipher.processBytes(ciphertext, offset, length, out, 0);
      cipher.doFinal(out, n);
      return out;
    } catch (InvalidCipherTextException | RuntimeException e) {
      throw new NoiseException.DecryptFailed("Noise message failed authentication (nonce "
          + Long.toUnsignedString(nonce - 1) + ")", e);
    }
  }

  private void init(boolean encrypt, byte[] ad) throws NoiseException {
    if (nonce == RESERVED_NONCE) {
      throw new NoiseException.NonceExhausted("Noise nonce counter exhausted; reconnect");
    }
    byte[] iv = new byte[NONCE_LENGTH];
    long n = nonce++;
    for (int i = 0; i < Long.BYTES; i++) {
      iv[4 + i] = (byte) (n >>> (8 * i));
    }
    cipher.init(encrypt, new AEADParameters(key, TAG_BITS, iv, ad.length > 0 ? ad : NO_AD));
  }
}
