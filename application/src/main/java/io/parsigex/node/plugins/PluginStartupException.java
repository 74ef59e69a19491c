package io.parsigex.node.plugins;

/**
 * The node refuses to start because of its plugins. The message names the plugin and the fix.
 */
public abstract sealed class PluginStartupException extends RuntimeException
    permits IncompatiblePluginException, MissingVerifierException {
  private static final long serialVersionUID = 1L;

  PluginStartupException(String message) {
    super(message);
  }
}
