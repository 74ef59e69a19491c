package io.parsigex.core.extensions;

import io.parsigex.api.CodecException;
import java.util.Objects;

/**
 * A guarded plugin codec call that produced no value: the plugin refused the input
 * ({@link RejectionKind#REFUSED}), or the plugin itself failed (threw, timed out, answered
 * nonsense, or its workers were busy). Callers tell the two apart by {@link #rejection()}'s kind:
 * the first is bad input, the second a broken or overloaded plugin.
 */
public final class ExtensionCallException extends CodecException {
  private static final long serialVersionUID = 1L;

  private final transient ExtensionRejection rejection;

  /**
   * Creates the exception.
   *
   * @param rejection which plugin, what kind of failure and why
   */
  public ExtensionCallException(ExtensionRejection rejection) {
    super(Objects.requireNonNull(rejection, "rejection").message());
    this.rejection = rejection;
  }

  /**
   * What went wrong.
   *
   * @return the rejection, naming the plugin
   */
  public ExtensionRejection rejection() {
    return rejection;
  }

  /**
   * Whether the plugin failed rather than refused the input.
   *
   * @return true for a timeout, an exception, a nonsense answer or a full worker pool
   */
  public boolean pluginFailed() {
    return rejection.kind() != RejectionKind.REFUSED;
  }
}
