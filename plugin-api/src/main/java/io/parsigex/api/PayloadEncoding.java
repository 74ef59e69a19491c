package io.parsigex.api;

/** How a signed payload is encoded in {@code ParSignedData.data}. */
public enum PayloadEncoding {
  /** SimpleSerialize bytes (possibly inside one of Charon's versioned wrappers). */
  SSZ,
  /** Charon's compact JSON. */
  JSON,
  /** A plugin's own format. */
  CUSTOM;

  /**
   * The lowercase name used in REST and WebSocket messages.
   *
   * @return {@code ssz}, {@code json} or {@code custom}
   */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
