package io.parsigex.node.plugins;

/** A plugin's {@code Plugin-Requires} does not accept this node's plugin-api version. */
public final class IncompatiblePluginException extends PluginStartupException {
  private static final long serialVersionUID = 1L;

  private final String pluginId;
  private final String requires;
  private final String apiVersion;
  private final String path;

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
    this.pluginId = pluginId;
    this.requires = requires;
    this.apiVersion = apiVersion;
    this.path = path;
  }

  /**
   * The plugin.
   *
   * @return its id
   */
  public String pluginId() {
    return pluginId;
  }

  /**
   * Its {@code Plugin-Requires}.
   *
   * @return the requirement
   */
  public String requires() {
    return requires;
  }

  /**
   * This node's plugin-api version.
   *
   * @return the version
   */
  public String apiVersion() {
    return apiVersion;
  }

  /**
   * Where the plugin was found.
   *
   * @return its path
   */
  public String path() {
    return path;
  }
}
