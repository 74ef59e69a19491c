package io.parsigex.cluster;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The cluster lock/definition versions Charon still reads, oldest first. */
public enum LockVersion {
  /** v1.0.0: base64 byte fields, legacy hashing, operator nonce. */
  V1_0("v1.0.0"),
  /** v1.1.0: as v1.0 with the timestamp in the definition hash. */
  V1_1("v1.1.0"),
  /** v1.2.0: 0x-hex byte fields. */
  V1_2("v1.2.0"),
  /** v1.3.0: SSZ hash_tree_root hashing, EIP-712 operator signatures. */
  V1_3("v1.3.0"),
  /** v1.4.0: creator. */
  V1_4("v1.4.0"),
  /** v1.5.0: per-validator addresses. */
  V1_5("v1.5.0"),
  /** v1.6.0: deposit data. */
  V1_6("v1.6.0"),
  /** v1.7.0: builder registrations and node signatures. */
  V1_7("v1.7.0"),
  /** v1.8.0: partial deposits. */
  V1_8("v1.8.0"),
  /** v1.9.0: consensus protocol. */
  V1_9("v1.9.0"),
  /** v1.10.0: target gas limit, compounding. */
  V1_10("v1.10.0"),
  /** v1.11.0: lists of k1 signatures (smart-contract operators). */
  V1_11("v1.11.0");

  /** The version new locks are written in. */
  public static final LockVersion CURRENT = V1_11;

  private final String text;

  LockVersion(String text) {
    this.text = text;
  }

  /**
   * The version string as it appears in the JSON.
   *
   * @return for example {@code v1.7.0}
   */
  public String text() {
    return text;
  }

  /**
   * Looks a version string up.
   *
   * @param text the JSON value
   * @return the version, or empty when Charon does not read it
   */
  public static Optional<LockVersion> parse(String text) {
    return Arrays.stream(values()).filter(v -> v.text.equals(text)).findFirst();
  }

  /**
   * The supported version strings.
   *
   * @return {@code [v1.0.0, …, v1.11.0]}
   */
  public static List<String> supportedNames() {
    return Arrays.stream(values()).map(LockVersion::text).toList();
  }

  /**
   * Whether this version is {@code other} or newer.
   *
   * @param other a version
   * @return true when at least {@code other}
   */
  public boolean atLeast(LockVersion other) {
    return compareTo(other) >= 0;
  }

  /**
   * Whether this version is older than {@code other}.
   *
   * @param other a version
   * @return true when before {@code other}
   */
  public boolean before(LockVersion other) {
    return compareTo(other) < 0;
  }

  @Override
  public String toString() {
    return text;
  }
}
