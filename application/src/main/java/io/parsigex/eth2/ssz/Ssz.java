package io.parsigex.eth2.ssz;

import java.util.List;

/** Factories and common constants for declaring SSZ schemas. */
public final class Ssz {
  /** {@code uint8}. */
  public static final UintType UINT8 = new UintType(8);
  /** {@code uint16}. */
  public static final UintType UINT16 = new UintType(16);
  /** {@code uint32}. */
  public static final UintType UINT32 = new UintType(32);
  /** {@code uint64}. */
  public static final UintType UINT64 = new UintType(64);
  /** {@code uint256}. */
  public static final UintType UINT256 = new UintType(UintType.UINT256_BITS);
  /** {@code boolean}. */
  public static final BooleanType BOOLEAN = new BooleanType();
  /** {@code Bytes4}. */
  public static final ByteVectorType BYTES4 = new ByteVectorType(null, 4);
  /** {@code Bytes20}. */
  public static final ByteVectorType BYTES20 = new ByteVectorType(null, 20);
  /** {@code Bytes32} (roots, hashes). */
  public static final ByteVectorType BYTES32 = new ByteVectorType(null, 32);
  /** {@code Bytes48}. */
  public static final ByteVectorType BYTES48 = new ByteVectorType(null, 48);
  /** {@code Bytes96}. */
  public static final ByteVectorType BYTES96 = new ByteVectorType(null, 96);

  /** {@code ExecutionAddress} printed with the EIP-55 checksum, as go-eth2-client does. */
  public static final ByteVectorType EXECUTION_ADDRESS =
      new ByteVectorType("ExecutionAddress", Eip55.ADDRESS_LENGTH, HexStyle.EIP55);

  private Ssz() {}

  /**
   * Declares a field.
   *
   * @param name the snake_case name
   * @param type its type
   * @return the field
   */
  public static Field field(String name, SszType type) {
    return new Field(name, type);
  }

  /**
   * Declares a container.
   *
   * @param name the container's name
   * @param fields the fields, in order
   * @return the type
   */
  public static ContainerType container(String name, Field... fields) {
    return new ContainerType(name, List.of(fields));
  }

  /**
   * {@code ByteVector[n]}.
   *
   * @param n length
   * @return the type
   */
  public static ByteVectorType byteVector(int n) {
    return new ByteVectorType(null, n);
  }

  /**
   * {@code ByteVector[n]} with a spec alias (for example {@code BLSSignature}).
   *
   * @param alias the name errors show
   * @param n length
   * @return the type
   */
  public static ByteVectorType byteVector(String alias, int n) {
    return new ByteVectorType(alias, n);
  }

  /**
   * {@code ByteVector[n]} with a spec alias and a JSON hex style.
   *
   * @param alias the name errors show
   * @param n length
   * @param style how JSON hex is written and read
   * @return the type
   */
  public static ByteVectorType byteVector(String alias, int n, HexStyle style) {
    return new ByteVectorType(alias, n, style);
  }

  /**
   * {@code ByteList[n]}.
   *
   * @param n limit
   * @return the type
   */
  public static ByteListType byteList(long n) {
    return new ByteListType(null, n);
  }

  /**
   * {@code ByteList[n]} with a spec alias.
   *
   * @param alias the name errors show
   * @param n limit
   * @return the type
   */
  public static ByteListType byteList(String alias, long n) {
    return new ByteListType(alias, n);
  }

  /**
   * {@code Vector[T, n]}.
   *
   * @param element T
   * @param n length
   * @return the type
   */
  public static VectorType vector(SszType element, int n) {
    return new VectorType(element, n);
  }

  /**
   * {@code List[T, n]}.
   *
   * @param element T
   * @param n limit
   * @return the type
   */
  public static ListType list(SszType element, long n) {
    return new ListType(element, n);
  }

  /**
   * {@code Bitvector[n]}.
   *
   * @param n length
   * @return the type
   */
  public static BitvectorType bitvector(int n) {
    return new BitvectorType(n);
  }

  /**
   * {@code Bitlist[n]}.
   *
   * @param n limit
   * @return the type
   */
  public static BitlistType bitlist(long n) {
    return new BitlistType(n);
  }
}
