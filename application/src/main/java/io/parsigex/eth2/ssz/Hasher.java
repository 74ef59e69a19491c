package io.parsigex.eth2.ssz;

import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * SHA-256 merkleisation as the SSZ spec defines it ({@code merkleize}, {@code mix_in_length}). One
 * instance per {@code hash_tree_root} computation: it holds a {@link MessageDigest} and is not
 * thread-safe.
 */
public final class Hasher {
  /** Bytes in a chunk. */
  public static final int CHUNK = 32;
  /** Deepest tree the engine builds: 2^64 leaves is more than any SSZ limit. */
  static final int MAX_DEPTH = 64;
  private static final byte[][] ZERO_HASHES = zeroHashes();

  private final MessageDigest sha256;

  /** Creates a hasher. */
  public Hasher() {
    this.sha256 = newDigest();
  }

  private static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JVM has no SHA-256", e);
    }
  }

  private static byte[][] zeroHashes() {
    MessageDigest d = newDigest();
    byte[][] z = new byte[MAX_DEPTH + 1][];
    z[0] = new byte[CHUNK];
    for (int i = 1; i <= MAX_DEPTH; i++) {
      d.update(z[i - 1]);
      d.update(z[i - 1]);
      z[i] = d.digest();
    }
    return z;
  }

  /**
   * Hashes 64 bytes of {@code buf} starting at {@code from} into {@code out[outPos..outPos+32)}.
   */
  void hashPair(byte[] buf, int from, byte[] out, int outPos) {
    sha256.update(buf, from, 2 * CHUNK);
    finish(out, outPos);
  }

  void hashPair(byte[] left, int leftPos, byte[] right, int rightPos, byte[] out, int outPos) {
    sha256.update(left, leftPos, CHUNK);
    sha256.update(right, rightPos, CHUNK);
    finish(out, outPos);
  }

  private void finish(byte[] out, int outPos) {
    try {
      sha256.digest(out, outPos, CHUNK);
    } catch (DigestException e) {
      throw new IllegalStateException("SHA-256 output does not fit", e);
    }
  }

  /**
   * The tree depth for a chunk limit: {@code ceil(log2(limit))}.
   *
   * @param limitChunks the number of leaves the tree is padded to (at least 1 is assumed)
   * @return the depth
   */
  static int depthFor(long limitChunks) {
    if (limitChunks <= 1) {
      return 0;
    }
    return 64 - Long.numberOfLeadingZeros(limitChunks - 1);
  }

  /**
   * Merkleises {@code count} chunks held in {@code chunks} (overwritten: used as the work area),
   * padded with zero chunks to {@code limitChunks} leaves, writing the root to {@code out}.
   *
   * @param chunks {@code count * 32} bytes (may be longer)
   * @param count the number of chunks, at most {@code limitChunks}
   * @param limitChunks the padded leaf count
   * @param out where the root goes
   * @param outPos offset in {@code out}
   */
  void merkleize(byte[] chunks, int count, long limitChunks, byte[] out, int outPos) {
    int depth = depthFor(limitChunks);
    if (count == 0) {
      System.arraycopy(ZERO_HASHES[depth], 0, out, outPos, CHUNK);
      return;
    }
    int n = count;
    for (int level = 0; level < depth; level++) {
      int pairs = n >>> 1;
      for (int i = 0; i < pairs; i++) {
        hashPair(chunks, 2 * i * CHUNK, chunks, i * CHUNK);
      }
      if ((n & 1) == 1) {
        hashPair(chunks, (n - 1) * CHUNK, ZERO_HASHES[level], 0, chunks, pairs * CHUNK);
        n = pairs + 1;
      } else {
        n = pairs;
      }
    }
    System.arraycopy(chunks, 0, out, outPos, CHUNK);
  }

  /**
   * Mixes a length into a root: {@code root = sha256(root || uint256(length))}.
   *
   * @param root 32 bytes at {@code pos}, replaced by the result
   * @param pos offset
   * @param length the list length
   */
  void mixInLength(byte[] root, int pos, long length) {
    byte[] len = new byte[CHUNK];
    for (int i = 0; i < 8; i++) {
      len[i] = (byte) (length >>> (8 * i));
    }
    hashPair(root, pos, len, 0, root, pos);
  }

  /**
   * The root of an all-zero subtree.
   *
   * @param depth subtree depth
   * @return a copy of the 32 bytes
   */
  static byte[] zeroHash(int depth) {
    return ZERO_HASHES[depth].clone();
  }
}
