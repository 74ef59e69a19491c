package io.parsigex.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** Facts about this plugin-api artifact. */
public final class PluginApi {

  private PluginApi() {}

  /**
   * The plugin-api version that plugins' {@code Plugin-Requires} is checked against.
   *
   * @return a semantic version such as {@code 1.0.0}
   */
  public static String version() {
    try (InputStream in = PluginApi.class.getResourceAsStream("plugin-api.properties")) {
      if (in == null) {
        throw new IllegalStateException("plugin-api.properties is missing from the plugin-api jar");
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
