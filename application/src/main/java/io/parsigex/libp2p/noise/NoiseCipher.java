package io.parsigex.libp2p.noise;

import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.ProviderException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.IvParameterSpec;

/**
 * A Noise CipherState for ChaChaPoly: a 32-byte key and a 64-bit message counter, used as the
 * nonce (4 zero bytes, then the counter little-endian). Every message gets a fresh nonce; the
 * counter value 2^64-1 is reserved, so the cipher refuses to go beyond it.
 *
 * <p>Two JDK providers may do the work, and both produce the same bytes: messages of at least
 * {@link ChaChaPolyProvider#BULK_MIN_BYTES} go to {@link ChaChaPolyProvider}'s bulk provider
 * (native NSS before Java 20, fast per byte but with a few microseconds of set-up per message),
 * shorter ones to {@code SunJCE}, whose set-up is cheaper. Not thread-safe.
 */
final class NoiseCipher {

  /** Bytes of the Poly1305 tag. */
  static final int TAG_LENGTH = 16;
  /** Bytes of a key. */
  static final int KEY_LENGTH = 32;
  private static final int NONCE_LENGTH = 12;
  /** The reserved counter value (2^64-1 as an unsigned long). */
  private static final long RESERVED_NONCE = -1L;
  private static final byte[] NO_AD = new byte[0];

  private final byte[] key;
  private final Engine small;
  /** Made on the first large message: handshake states and short-message links never need it. */
  private Engine bulk;
  /** The nonce bytes, rewritten per message (IvParameterSpec copies them). */
  private final byte[] iv = new byte[NONCE_LENGTH];
  private long nonce;

  NoiseCipher(byte[] key) {
    this(key, 0);
  }

  NoiseCipher(byte[] key, long firstNonce) {
    if (key.length != KEY_LENGTH) {
      throw new IllegalArgumentException("ChaChaPoly key must be 32 bytes");
    }
    this.key = key.clone();
    this.small = Engine.of(ChaChaPolyProvider.jdk(), key);
    this.nonce = firstNonce;
  }

  long nonce() {
    return nonce;
  }

  byte[] encrypt(byte[] ad, byte[] plaintext) throws NoiseException {
    Cipher c = init(Cipher.ENCRYPT_MODE, ad, plaintext.length);
    try {
      return c.doFinal(plaintext);
    } catch (GeneralSecurityException | ProviderException e) {
      throw new IllegalStateException("ChaCha20-Poly1305 encryption failed", e);
    }
  }

  /**
   * Encrypts a transport message (no associated data) into {@code out}.
   *
   * @param in the plaintext's array
   * @param offset where the plaintext starts
   * @param length its length
   * @param out the destination, with room for {@code length + TAG_LENGTH} bytes at
   *     {@code outOffset}
   * @param outOffset where to write
   * @return bytes written ({@code length + TAG_LENGTH})
   * @throws NoiseException when the nonce counter is exhausted
   */
  int encrypt(byte[] in, int offset, int length, byte[] out, int outOffset)
      throws NoiseException {
    Cipher c = init(Cipher.ENCRYPT_MODE, NO_AD, length);
    try {
      return c.doFinal(in, offset, length, out, outOffset);
    } catch (GeneralSecurityException | ProviderException e) {
      throw new IllegalStateException("ChaCha20-Poly1305 encryption failed", e);
    }
  }

  /**
   * Decrypts and authenticates a transport message (no associated data) into {@code out}.
   *
   * @param in the ciphertext's array
   * @param offset where the ciphertext (with its tag) starts
   * @param length its length, tag included
   * @param out the destination, with room for {@code length - TAG_LENGTH} bytes at
   *     {@code outOffset}
   * @param outOffset where to write
   * @return plaintext bytes written
   * @throws NoiseException when the message is shorter than a tag, fails authentication, or the
   *     nonce counter is exhausted
   */
  int decrypt(byte[] in, int offset, int length, byte[] out, int outOffset)
      throws NoiseException {
    checkTag(length);
    Cipher c = init(Cipher.DECRYPT_MODE, NO_AD, length - TAG_LENGTH);
    try {
      return c.doFinal(in, offset, length, out, outOffset);
    } catch (GeneralSecurityException | ProviderException e) {
      throw authenticationFailed(e);
    }
  }

  byte[] decrypt(byte[] ad, byte[] ciphertext, int offset, int length) throws NoiseException {
    checkTag(length);
    Cipher c = init(Cipher.DECRYPT_MODE, ad, length - TAG_LENGTH);
    try {
      return c.doFinal(ciphertext, offset, length);
    } catch (GeneralSecurityException | ProviderException e) {
      throw authenticationFailed(e);
    }
  }

  private static void checkTag(int length) throws NoiseException {
    if (length < TAG_LENGTH) {
      throw new NoiseException.DecryptFailed("ciphertext of " + length
          + " bytes is shorter than the 16-byte tag", null);
    }
  }

  private NoiseException authenticationFailed(Exception e) {
    return new NoiseException.DecryptFailed("Noise message failed authentication (nonce "
        + Long.toUnsignedString(nonce - 1) + ")", e);
  }

  /** Takes the next nonce and readies the engine suited to a message of {@code plainLength}. */
  private Cipher init(int mode, byte[] ad, int plainLength) throws NoiseException {
    if (nonce == RESERVED_NONCE) {
      throw new NoiseException.NonceExhausted("Noise nonce counter exhausted; reconnect");
    }
    long n = nonce++;
    for (int i = 0; i < Long.BYTES; i++) {
      iv[4 + i] = (byte) (n >>> (8 * i));
    }
    Engine e = plainLength >= ChaChaPolyProvider.BULK_MIN_BYTES ? bulk() : small;
    try {
      e.cipher().init(mode, e.key(), new IvParameterSpec(iv));
    } catch (GeneralSecurityException | ProviderException ex) {
      throw new IllegalStateException("cannot initialise ChaCha20-Poly1305", ex);
    }
    if (ad.length > 0) {
      e.cipher().updateAAD(ad);
    }
    return e.cipher();
  }

  private Engine bulk() {
    if (bulk == null) {
      Provider b = ChaChaPolyProvider.provider();
      bulk = b == ChaChaPolyProvider.jdk() ? small : Engine.of(b, key);
    }
    return bulk;
  }

  /** One provider's cipher and this key in that provider's form. */
  private record Engine(Cipher cipher, SecretKey key) {
    static Engine of(Provider provider, byte[] key) {
      try {
        return new Engine(Cipher.getInstance(ChaChaPolyProvider.ALGORITHM, provider),
            ChaChaPolyProvider.key(provider, key));
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException(provider.getName() + " lacks "
            + ChaChaPolyProvider.ALGORITHM, e);
      }
    }
  }
}
