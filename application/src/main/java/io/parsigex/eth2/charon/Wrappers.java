package io.parsigex.eth2.charon;

import io.parsigex.eth2.fork.Fork;
import io.parsigex.eth2.ssz.SszException;

/**
 * Charon's SSZ wrapper headers ({@code charon:core/ssz.go}): a version {@code uint64}, optional
 * extra fields, and one offset to the inner consensus object. Little-endian throughout.
 */
final class Wrappers {
  /** {@code versionedOffset}: version + offset. */
  static final int VERSIONED_HEADER = 12;
  /** {@code versionedBlindedOffset}: version + blinded flag + offset. */
  static final int BLINDED_HEADER = 13;
  /** {@code versionedValIdxOffset}: version + validator index + offset. */
  static final int VALIDATOR_INDEX_HEADER = 20;
  /** The version {@code uint64}. */
  static final int VERSION_SIZE = 8;

  private Wrappers() {}

  static long readUint64(byte[] in, int pos) {
    long v = 0;
    for (int i = 7; i >= 0; i--) {
      v = (v << 8) | (in[pos + i] & 0xff);
    }
    return v;
  }

  static long readUint32(byte[] in, int pos) {
    long v = 0;
    for (int i = 3; i >= 0; i--) {
      v = (v << 8) | (in[pos + i] & 0xff);
    }
    return v;
  }

  static void writeUint64(byte[] out, int pos, long v) {
    for (int i = 0; i < 8; i++) {
      out[pos + i] = (byte) (v >>> (8 * i));
    }
  }

  static void writeUint32(byte[] out, int pos, int v) {
    for (int i = 0; i < 4; i++) {
      out[pos + i] = (byte) (v >>> (8 * i));
    }
  }

  static void requireSize(String type, byte[] in, int header) throws SszException {
    if (in.length < header) {
      throw new SszException(type, "", 0, "needs at least a " + header + "-byte header, got "
          + in.length + " bytes");
    }
  }

  /** Reads the version {@code uint64} at {@code pos}, refusing numbers that name no fork. */
  static Fork version(String type, byte[] in, int pos) throws SszException {
    long v = readUint64(in, pos);
    return DataVersion.fork(v).orElseThrow(() -> new SszException(type, "version", pos,
        DataVersion.unknown(Long.toUnsignedString(v))));
  }

  static byte[] header(int size, Fork fork, int innerLength) {
    byte[] out = new byte[size + innerLength];
    writeUint64(out, 0, DataVersion.of(fork));
    writeUint32(out, size - 4, size);
    return out;
  }
}
