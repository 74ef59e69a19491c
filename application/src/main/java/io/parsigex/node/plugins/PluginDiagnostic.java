package io.parsigex.node.plugins;

import java.util.Objects;

/**
 * Something wrong with one plugin that the node survived by leaving the plugin out. Immutable.
 *
 * @param source the plugin id, or the file name when the plugin could not even be read
 * @param problem what is wrong and what to do about it
 */
public record PluginDiagnostic(String source, String problem) {
  /** Validates. */
  public PluginDiagnostic {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(problem, "problem");
  }

  @Override
  public String toString() {
    return source + ": " + problem;
  }
}
