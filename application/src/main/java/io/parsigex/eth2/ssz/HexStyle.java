package io.parsigex.eth2.ssz;

/**
 * How a byte vector's JSON hex is written and read, following go-eth2-client: containers with
 * their own JSON decoders accept the hex with or without {@code 0x}; Go's typed values such as
 * {@code phase0.BLSSignature} used directly in a struct require {@code "0x"}; execution addresses
 * are written with the EIP-55 checksum.
 */
public enum HexStyle {
  /** Written {@code 0x} + lowercase; read with an optional {@code 0x}, hex digits of either case. */
  LENIENT,
  /** Written {@code 0x} + lowercase; the {@code 0x} prefix is required when reading. */
  PREFIXED,
  /** Written with the EIP-55 mixed-case checksum (20-byte addresses); read like {@link #LENIENT}. */
  EIP55
}
