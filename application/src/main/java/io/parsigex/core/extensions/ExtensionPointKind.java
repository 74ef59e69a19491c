package io.parsigex.core.extensions;

import java.util.Locale;

/** The three extension points, as named in metrics and rejections. */
public enum ExtensionPointKind {
  /** {@link io.parsigex.api.DutyGater}. */
  GATER,
  /** {@link io.parsigex.api.PartialSignatureVerifier}. */
  VERIFIER,
  /** {@link io.parsigex.api.SignedDataCodec}. */
  CODEC;

  /**
   * The metric tag value.
   *
   * @return {@code gater}, {@code verifier} or {@code codec}
   */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
