package io.parsigex.api;

import java.util.Objects;

/**
 * What an Ethereum consensus signature covers: the message root, the domain type and the epoch whose
 * fork version goes into the domain. The node turns this into the signing root
 * ({@code compute_signing_root(message_root, compute_domain(...))}). Immutable.
 *
 * @param domain the domain type
 * @param epoch the epoch used to pick the fork version (unsigned)
 * @param messageRoot the 32-byte {@code hash_tree_root} of the signed message
 */
public record Eth2Signing(SigningDomain domain, long epoch, byte[] messageRoot) {

  /** Length of a message root. */
  public static final int ROOT_LENGTH = 32;

  /**
   * Validates and copies.
   *
   * @param domain the domain type
   * @param epoch the epoch used to pick the fork version (unsigned)
   * @param messageRoot the 32-byte {@code hash_tree_root} of the signed message
   * @throws IllegalArgumentException if the root is not 32 bytes
   */
  public Eth2Signing {
    Objects.requireNonNull(domain, "domain");
    Objects.requireNonNull(messageRoot, "messageRoot");
    if (messageRoot.length != ROOT_LENGTH) {
      throw new IllegalArgumentException("a message root has 32 bytes, got " + messageRoot.length);
    }
    messageRoot = messageRoot.clone();
  }

  /**
   * The message root.
   *
   * @return a copy of the 32 bytes
   */
  @Override
  public byte[] messageRoot() {
    return messageRoot.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Eth2Signing e
        && domain == e.domain
        && epoch == e.epoch
        && java.util.Arrays.equals(messageRoot, e.messageRoot);
  }

  @Override
  public int hashCode() {
    return Objects.hash(domain, epoch, java.util.Arrays.hashCode(messageRoot));
  }

  @Override
  public String toString() {
    return "Eth2Signing[" + domain + ", epoch " + Long.toUnsignedString(epoch) + ", root 0x"
        + java.util.HexFormat.of().formatHex(messageRoot) + "]";
  }
}
