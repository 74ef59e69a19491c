package io.parsigex.core.extensions;

import java.util.Objects;

/**
 * Thrown by the pipeline's guarded gater and verifier ({@link PipelineExtensions}) when a plugin
 * did
 * not answer: it timed out, threw, answered nonsense, is out of service, or its workers had no
 * room.
 * A plugin's own refusal is not an exception (it is a denied {@link io.parsigex.api.GateDecision}
 * or an invalid {@link io.parsigex.api.VerificationResult}). The receive pipeline reads
 * {@link #rejection()}'s kind to report the node's fault, never the peer's.
 */
public final class ExtensionFailedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient ExtensionRejection rejection;

  /**
   * Creates the exception.
   *
   * @param rejection which plugin, what kind of failure and why; never {@link
   * RejectionKind#REFUSED}
   */
  public ExtensionFailedException(ExtensionRejection rejection) {
    super(Objects.requireNonNull(rejection, "rejection").message(), null, false, false);
    if (rejection.kind() == RejectionKind.REFUSED) {
      throw new IllegalArgumentException("a refusal is an answer, not a failure");
    }
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
}
