package io.parsigex.node.config;

import java.util.Objects;

/** A {@code parsigex.*} setting that cannot be used; names the property and says what is wrong. */
public final class InvalidSettingException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String property;

  /**
   * Creates the exception.
   *
   * @param property the property's name, e.g. {@code parsigex.identity.key-file}
   * @param message what is wrong and how to fix it
   * @param cause the underlying error, or null
   */
  public InvalidSettingException(String property, String message, Throwable cause) {
    super(property + ": " + message, cause);
    this.property = Objects.requireNonNull(property, "property");
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
