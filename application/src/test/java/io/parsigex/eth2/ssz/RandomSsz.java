package io.parsigex.eth2.ssz;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Seeded random values of any SSZ type, derived from the declaration. Lists are kept short so that
 * blocks stay small; uint64 values stay below {@code maxUint64} (lodestar holds most uint64 fields
 * as JavaScript numbers, exact only below 2^53).
 */
public final class RandomSsz {
  /** Longest random list. */
  public static final int MAX_LIST = 3;
  /** Longest random byte list (transactions, extra data). */
  public static final int MAX_BYTES = 48;
  /** Most random bits in a bitlist. */
  public static final int MAX_BITS = 300;

  private final Random random;
  private final long maxUint64;
  private final int maxBigElements;

  /**
   * Creates a generator.
   *
   * @param random the seeded source
   * @param maxUint64 exclusive bound for uint64 values (0 for the full unsigned range)
   * @param maxBigElements most elements in lists of large (over 1 KiB) elements, such as blobs
   */
  public RandomSsz(Random random, long maxUint64, int maxBigElements) {
    this.random = random;
    this.maxUint64 = maxUint64;
    this.maxBigElements = maxBigElements;
  }

  /**
   * A random value.
   *
   * @param type the type
   * @return a value of it
   */
  public Object next(SszType type) {
    if (type instanceof UintType u) {
      return uint(u);
    } else if (type instanceof BooleanType) {
      return random.nextBoolean();
    } else if (type instanceof ByteVectorType v) {
      return bytes(v.length());
    } else if (type instanceof ByteListType l) {
      return bytes(random.nextInt((int) Math.min(l.limit(), MAX_BYTES) + 1));
    } else if (type instanceof BitvectorType v) {
      return bits(v.length());
    } else if (type instanceof BitlistType l) {
      return bits(random.nextInt((int) Math.min(l.limit(), MAX_BITS) + 1));
    } else if (type instanceof VectorType v) {
      return elements(v.elementType(), v.length());
    } else if (type instanceof ListType l) {
      return elements(l.elementType(), random.nextInt(
          (int) Math.min(l.limit(), big(l.elementType()) ? maxBigElements : MAX_LIST) + 1));
    }
    ContainerType c = (ContainerType) type;
    SszContainer.Builder b = c.builder();
    for (Field f : c.fields()) {
      b.set(f.name(), next(f.type()));
    }
    return b.build();
  }

  private static boolean big(SszType t) {
    return t.isFixedSize() && t.fixedSize() > 1024;
  }

  private Object uint(UintType u) {
    if (u.bits() == UintType.UINT256_BITS) {
      return new BigInteger(random.nextInt(257), random);
    }
    long v;
    switch (random.nextInt(4)) {
      case 0 -> v = random.nextInt(3);
      case 1 -> v = random.nextInt(1 << 16);
      default -> v = random.nextLong();
    }
    if (u.bits() < 64) {
      return v & ((1L << u.bits()) - 1);
    }
    return maxUint64 == 0 ? v : Long.remainderUnsigned(v, maxUint64);
  }

  private Bytes bytes(int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return Bytes.of(b);
  }

  private Bits bits(int n) {
    byte[] b = new byte[Bits.byteLength(n)];
    random.nextBytes(b);
    if (n % 8 != 0) {
      b[b.length - 1] &= (byte) ((1 << (n % 8)) - 1);
    }
    return Bits.of(n, b);
  }

  private List<Object> elements(SszType element, int n) {
    List<Object> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(next(element));
    }
    return out;
  }
}
