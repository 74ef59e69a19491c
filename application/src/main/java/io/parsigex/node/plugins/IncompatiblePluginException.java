package io.parsigex.node.plugins;

/** A plugin's {@code Plugin-Requires} does not accept this node's plugin-api version. */
public final class IncompatiblePluginException extends PluginStartupException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param pluginId the plugin
   * @param requires its requirement
   * @param apiVersion the node's plugin-api version
   * @param path where it was loaded from
   */
  public IncompatiblePluginException(String pluginId, String requires, String apiVersion,
      String path) {
    super("plugin " + pluginId + " (" + path + ") requires plugin-api " + requires
        + " but this node provides plugin-api " + apiVersion
        + "; install a plugin version built for " + apiVersion + " or remove it");
  }
}
