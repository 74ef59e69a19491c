package io.parsigex.node.config;

import java.util.Objects;

/** A {@code parsigex.*} setting that cannot be used; names the property and says what is wrong. */
public final class InvalidSettingException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String property;
  private final String action;

  /**
   * Creates the exception; the fix it suggests is to correct the property.
   *
   * @param property the property's name, e.g. {@code parsigex.identity.key-file}
   * @param message what is wrong and how to fix it
   * @param cause the underlying error, or null
   */
  public InvalidSettingException(String property, String message, Throwable cause) {
    this(property, message, null, cause);
  }

  /**
   * Creates the exception with a fix of its own.
   *
   * @param property the property's name, e.g. {@code parsigex.identity.key-file}
   * @param message what is wrong
   * @param action what the operator can do about it; null for "correct the property"
   * @param cause the underlying error, or null
   */
  public InvalidSettingException(String property, String message, String action,
      Throwable cause) {
    super(property + ": " + message, cause);
    this.property = Objects.requireNonNull(property, "property");
    this.action = action != null ? action
        : "Correct '" + property + "' (see the README's Configuration section) and restart.";
  }

  /**
   * What the operator can do about it.
   *
   * @return the fix, one or two sentences
   */
  public String action() {
    return action;
  }

  /**
   * The property at fault.
   *
   * @return its name
   */
  public String property() {
    return property;
  }
}
