package io.parsigex.cluster;

import io.parsigex.eth2.ssz.Bytes;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * A streaming SSZ merkleizer with exactly the semantics of the hash walker Charon computes its lock
 * and definition hashes with (fastssz v1's {@code Hasher}): a buffer of 32-byte chunks, marks taken
 * with {@link #index()}, and {@link #merkleize}/{@link #merkleizeWithMixin} folding everything
 * after a mark into one root.
 *
 * <p>Charon's older lock versions depend on that walker's details, which a spec-level SSZ engine
 * does not reproduce: {@link #putBytes} of an empty value appends <em>nothing</em>, a value longer
 * than 32 bytes is merkleized in place, and a list limit of 0 means "as many chunks as present".
 * Not thread-safe; one instance per hash computation.
 */
final class MerkleHasher {

  /** Bytes per chunk. */
  static final int CHUNK = 32;

  private static final int MAX_DEPTH = 64;
  private static final int UINT64_BYTES = 8;
  private static final byte[][] ZERO_HASHES = zeroHashes();

  private final MessageDigest sha256 = newSha256();
  private byte[] buf = new byte[1024];
  private int len;

  /**
   * The current mark.
   *
   * @return the buffer length
   */
  int index() {
    return len;
  }

  /**
   * Appends bytes right-padded with zeros to a multiple of 32 (nothing for an empty input).
   *
   * @param b the bytes
   */
  void appendBytes32(byte[] b) {
    append(b, 0, b.length);
    int rest = b.length % CHUNK;
    if (rest != 0) {
      appendZeros(CHUNK - rest);
    }
  }

  /**
   * fastssz {@code PutBytes}: up to 32 bytes are appended padded; longer values are merkleized.
   *
   * @param b the bytes
   */
  void putBytes(byte[] b) {
    if (b.length <= CHUNK) {
      appendBytes32(b);
      return;
    }
    int indx = index();
    appendBytes32(b);
    merkleize(indx);
  }

  /**
   * A little-endian uint64 in its own chunk.
   *
   * @param v the value (unsigned)
   */
  void putUint64(long v) {
    appendBytes32(le64(v));
  }

  /**
   * A boolean in its own chunk.
   *
   * @param v the value
   */
  void putBool(boolean v) {
    byte[] chunk = new byte[CHUNK];
    chunk[0] = (byte) (v ? 1 : 0);
    append(chunk, 0, CHUNK);
  }

  /**
   * fastssz {@code PutUint64Array} with a maximum capacity: a packed list of uint64.
   *
   * @param values the values
   * @param maxCapacity the list limit in elements
   */
  void putUint64List(long[] values, long maxCapacity) {
    int indx = index();
    for (long v : values) {
      append(le64(v), 0, UINT64_BYTES);
    }
    fillUpTo32();
    long limit = (maxCapacity * UINT64_BYTES + CHUNK - 1) / CHUNK;
    if (limit == 0) {
      limit = values.length == 0 ? 1 : values.length;
    }
    merkleizeWithMixin(indx, values.length, limit);
  }

  /**
   * An SSZ byte list: the bytes packed into chunks, merkleized to the limit, length mixed in.
   *
   * @param b the bytes
   * @param maxBytes the list limit in bytes
   */
  void putByteList(byte[] b, int maxBytes) {
    int indx = index();
    appendBytes32(b);
    merkleizeWithMixin(indx, b.length, (maxBytes + CHUNK - 1L) / CHUNK);
  }

  /** Pads the buffer with zeros to a chunk boundary. */
  void fillUpTo32() {
    int rest = len % CHUNK;
    if (rest != 0) {
      appendZeros(CHUNK - rest);
    }
  }

  /**
   * Replaces everything after {@code indx} by its merkle root (limit = number of chunks).
   *
   * @param indx a mark
   */
  void merkleize(int indx) {
    byte[] root = merkleizeImpl(Arrays.copyOfRange(buf, indx, len), 0);
    len = indx;
    append(root, 0, CHUNK);
  }

  /**
   * Replaces everything after {@code indx} by {@code hash(root ‖ uint256(num))}.
   *
   * @param indx a mark
   * @param num the element count mixed in
   * @param limit the list limit in chunks (0: the chunks present)
   */
  void merkleizeWithMixin(int indx, long num, long limit) {
    fillUpTo32();
    byte[] root = merkleizeImpl(Arrays.copyOfRange(buf, indx, len), limit);
    byte[] mixin = new byte[CHUNK];
    System.arraycopy(le64(num), 0, mixin, 0, UINT64_BYTES);
    len = indx;
    append(hash(root, mixin), 0, CHUNK);
  }

  /**
   * The final root; the buffer must hold exactly one chunk.
   *
   * @return 32 bytes
   */
  byte[] root() {
    if (len != CHUNK) {
      throw new IllegalStateException("hasher holds " + len + " bytes, expected one 32-byte root");
    }
    return Arrays.copyOf(buf, CHUNK);
  }

  private byte[] merkleizeImpl(byte[] input, long limit) {
    long count = (input.length + CHUNK - 1) / CHUNK;
    if (limit == 0) {
      limit = count;
    } else if (count > limit) {
      throw new IllegalArgumentException(
          "list of " + count + " chunks exceeds its limit of " + limit);
    }
    if (limit == 0) {
      return new byte[CHUNK];
    }
    if (limit == 1) {
      return count == 1 ? Arrays.copyOf(input, CHUNK) : new byte[CHUNK];
    }
    int depth = depth(limit);
    if (input.length == 0) {
      return ZERO_HASHES[depth].clone();
    }
    byte[] layer = input;
    for (int i = 0; i < depth; i++) {
      int n = layer.length / CHUNK;
      if (n % 2 == 1) {
        layer = Arrays.copyOf(layer, layer.length + CHUNK);
        System.arraycopy(ZERO_HASHES[i], 0, layer, n * CHUNK, CHUNK);
        n++;
      }
      byte[] next = new byte[n / 2 * CHUNK];
      for (int j = 0; j < n / 2; j++) {
        sha256.update(layer, 2 * j * CHUNK, 2 * CHUNK);
        System.arraycopy(sha256.digest(), 0, next, j * CHUNK, CHUNK);
      }
      layer = next;
    }
    return Arrays.copyOf(layer, CHUNK);
  }

  private static int depth(long limit) {
    if (limit <= 1) {
      return 0;
    }
    return 64 - Long.numberOfLeadingZeros(limit - 1);
  }

  private byte[] hash(byte[] a, byte[] b) {
    sha256.update(a);
    sha256.update(b);
    return sha256.digest();
  }

  private void append(byte[] b, int off, int n) {
    ensure(n);
    System.arraycopy(b, off, buf, len, n);
    len += n;
  }

  private void appendZeros(int n) {
    ensure(n);
    Arrays.fill(buf, len, len + n, (byte) 0);
    len += n;
  }

  private void ensure(int n) {
    if (len + n > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
    }
  }

  private static byte[] le64(long v) {
    return ByteBuffer.allocate(UINT64_BYTES).order(ByteOrder.LITTLE_ENDIAN).putLong(v).array();
  }

  private static byte[][] zeroHashes() {
    MessageDigest d = newSha256();
    byte[][] out = new byte[MAX_DEPTH + 1][];
    out[0] = new byte[CHUNK];
    for (int i = 1; i <= MAX_DEPTH; i++) {
      d.update(out[i - 1]);
      d.update(out[i - 1]);
      out[i] = d.digest();
    }
    return out;
  }

  private static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK always provides SHA-256", e);
    }
  }
}
