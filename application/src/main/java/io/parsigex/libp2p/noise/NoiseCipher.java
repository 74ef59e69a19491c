package io.parsigex.libp2p.noise;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.nio.ByteBuffer;
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
 * <p>{@link ChaChaPolyProvider} decides which provider computes a message of a given size
 * (Conscrypt for all sizes before Java 20, {@code SunJCE} from Java 20, or NSS for large messages
 * with {@code SunJCE} for short ones); all produce the same bytes. Transport messages are sealed
 * in place and opened from buffer to buffer ({@link #sealInPlace}, {@link #open}): with a
 * provider that {@linkplain #prefersDirectBuffers() prefers direct buffers} the bytes never leave
 * direct memory, otherwise they are worked on in heap arrays. Not thread-safe.
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
  private final ChaChaPolyProvider.Selection selection;
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
    this(key, firstNonce, ChaChaPolyProvider.selection());
  }

  /**
   * A cipher state with given providers (tests compare providers through this).
   *
   * @param key 32 bytes
   * @param firstNonce the first counter value
   * @param selection the providers for short and large messages
   */
  NoiseCipher(byte[] key, long firstNonce, ChaChaPolyProvider.Selection selection) {
    if (key.length != KEY_LENGTH) {
      throw new IllegalArgumentException("ChaChaPoly key must be 32 bytes");
    }
    this.key = key.clone();
    this.selection = selection;
    this.small = Engine.of(selection.small(), key);
    this.nonce = firstNonce;
  }

  long nonce() {
    return nonce;
  }

  /**
   * Whether transport messages are best sealed and opened in direct buffers: true when every
   * message size goes to a native provider that works on direct memory without copying.
   *
   * @return true to allocate direct buffers for this cipher's messages
   */
  boolean prefersDirectBuffers() {
    return selection.small() == selection.bulk()
        && ChaChaPolyProvider.prefersDirectBuffers(selection.small());
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
   * Encrypts a transport message (no associated data) in place: the plaintext at
   * {@code [index, index + length)} of {@code buf} becomes the ciphertext, followed by the tag.
   *
   * @param buf holds the plaintext, with room for the tag after it (its capacity, not its
   *     indexes, bounds what is written; its reader and writer indexes are not changed)
   * @param index where the plaintext starts
   * @param length its length
   * @return bytes written ({@code length + TAG_LENGTH})
   * @throws NoiseException when the nonce counter is exhausted
   */
  int sealInPlace(ByteBuf buf, int index, int length) throws NoiseException {
    Cipher c = init(Cipher.ENCRYPT_MODE, NO_AD, length);
    try {
      if (buf.hasArray()) {
        byte[] a = buf.array();
        int at = buf.arrayOffset() + index;
        return c.doFinal(a, at, length, a, at);
      }
      if (buf.nioBufferCount() == 1) {
        // two views of the same memory: a Cipher refuses one ByteBuffer object as both
        return c.doFinal(buf.nioBuffer(index, length), buf.nioBuffer(index, length + TAG_LENGTH));
      }
      byte[] plain = new byte[length];
      buf.getBytes(index, plain);
      byte[] sealed = c.doFinal(plain);
      buf.setBytes(index, sealed);
      return sealed.length;
    } catch (GeneralSecurityException | ProviderException e) {
      throw new IllegalStateException("ChaCha20-Poly1305 encryption failed", e);
    }
  }

  /**
   * Decrypts and authenticates a transport message (no associated data), appending the
   * plaintext to {@code out}.
   *
   * @param in holds the ciphertext with its tag (not changed; its indexes neither)
   * @param index where the ciphertext starts
   * @param length its length, tag included
   * @param out receives {@code length - TAG_LENGTH} bytes at its writer index, which it must have
   *     room for; its writer index moves past them
   * @param scratch a heap array of at least {@code length} bytes, used when {@code in} is in
   *     direct memory and this cipher works on heap arrays
   * @return plaintext bytes written
   * @throws NoiseException when the message is shorter than a tag, fails authentication, or the
   *     nonce counter is exhausted
   */
  int open(ByteBuf in, int index, int length, ByteBuf out, byte[] scratch)
      throws NoiseException {
    checkTag(length);
    int plainLength = length - TAG_LENGTH;
    Cipher c = init(Cipher.DECRYPT_MODE, NO_AD, plainLength);
    int w = out.writerIndex();
    try {
      int n;
      if (out.hasArray() && !in.hasArray()) {
        // heap provider, frame in direct memory: one copy into the scratch array
        in.getBytes(index, scratch, 0, length);
        n = c.doFinal(scratch, 0, length, out.array(), out.arrayOffset() + w);
      } else if (out.hasArray()) {
        n = c.doFinal(in.array(), in.arrayOffset() + index, length, out.array(),
            out.arrayOffset() + w);
      } else if (in.nioBufferCount() == 1 && out.nioBufferCount() == 1) {
        ByteBuffer dst = out.nioBuffer(w, plainLength);
        n = c.doFinal(in.nioBuffer(index, length), dst);
      } else {
        byte[] plain = c.doFinal(ByteBufUtil.getBytes(in, index, length));
        out.setBytes(w, plain);
        n = plain.length;
      }
      out.writerIndex(w + n);
      return n;
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
      Provider b = selection.bulk();
      bulk = b == selection.small() ? small : Engine.of(b, key);
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
