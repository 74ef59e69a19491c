package io.parsigex.core.extensions;

import java.util.Objects;

/**
 * A guarded extension call that did not accept: which plugin and extension, what kind of failure and
 * why. Immutable.
 *
 * @param pluginId the plugin
 * @param extension the extension class name
 * @param point the extension point
 * @param kind the kind of failure
 * @param reason the extension's own reason or a description of the failure
 * @param entry for verifiers, the 0-based index of the refused entry in the set; -1 otherwise
 */
public record ExtensionRejection(String pluginId, String extension, ExtensionPointKind point,
    RejectionKind kind, String reason, int entry) {

  /**
   * Longest reason kept, in characters: a plugin's exception message reaches logs, rejection events
   * and the feed, so one plugin cannot make them unbounded.
   */
  public static final int MAX_REASON_LENGTH = 512;

  /** Validates, and shortens a reason longer than {@link #MAX_REASON_LENGTH}. */
  public ExtensionRejection {
    Objects.requireNonNull(pluginId, "pluginId");
    Objects.requireNonNull(extension, "extension");
    Objects.requireNonNull(point, "point");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(reason, "reason");
    if (reason.length() > MAX_REASON_LENGTH) {
      reason = reason.substring(0, MAX_REASON_LENGTH - 1) + "…";
    }
  }

  /**
   * A one-line description for logs and rejection events.
   *
   * @return for example {@code verifier bls-verifier (…BlsPartialSignatureVerifier) refused entry 3:
   *     invalid signature…}
   */
  public String message() {
    String what = switch (kind) {
      case REFUSED -> "refused";
      case TIMEOUT -> "timed out";
      case FAILED -> "failed";
      case INVALID_RESULT -> "returned an invalid result";
      case OVERLOADED -> "was not called (plugin workers busy)";
      case OUT_OF_SERVICE -> "was not called (out of service)";
    };
    return point.label() + " " + pluginId + " (" + extension + ") " + what
        + (entry >= 0 ? " on entry " + entry : "") + ": " + reason;
  }
}
