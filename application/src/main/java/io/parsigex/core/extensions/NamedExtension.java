package io.parsigex.core.extensions;

import java.util.Objects;

/**
 * An extension instance and the plugin it came from. Immutable.
 *
 * @param pluginId the PF4J plugin id ({@code system} for extensions on the node's own class path)
 * @param extension the instance
 * @param <T> the extension point
 */
public record NamedExtension<T>(String pluginId, T extension) {

  /** Validates. */
  public NamedExtension {
    Objects.requireNonNull(pluginId, "pluginId");
    Objects.requireNonNull(extension, "extension");
  }

  /**
   * The extension's class name, for logs and rejections.
   *
   * @return the fully qualified class name
   */
  public String className() {
    return extension.getClass().getName();
  }
}
