package io.parsigex.core.extensions;

import java.util.Objects;

/**
 * The outcome of a guarded extension call that produces a value: the value, or a typed rejection.
 *
 * @param <T> the value type
 */
public sealed interface Guarded<T> permits Guarded.Ok, Guarded.Rejected {

  /**
   * The call answered with a value.
   *
   * @param value the value, never null
   * @param <T> its type
   */
  record Ok<T>(T value) implements Guarded<T> {
    /** Validates. */
    public Ok {
      Objects.requireNonNull(value, "value");
    }
  }

  /**
   * The call did not produce a value.
   *
   * @param rejection why
   * @param <T> the value type that was wanted
   */
  record Rejected<T>(ExtensionRejection rejection) implements Guarded<T> {
    /** Validates. */
    public Rejected {
      Objects.requireNonNull(rejection, "rejection");
    }
  }
}
