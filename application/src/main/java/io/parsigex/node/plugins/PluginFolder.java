package io.parsigex.node.plugins;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.Optional;

/**
 * Where the node looks for plugins ({@code parsigex.plugins.dir}), independent of the working
 * directory unless the operator asks for a relative folder.
 *
 * <ul>
 *   <li>Configured: that folder. A relative one is resolved against the working directory, as the
 *       shell that started the node would resolve it.
 *   <li>Not configured: {@value #DEFAULT_NAME} beside the application, found from the code source of
 *       the node's own classes: beside the jar ({@code application/target/plugins} for
 *       {@code application/target/parsigex-node.jar}, also when the jar is started from another
 *       folder), or beside the classes folder when the node runs from one
 *       ({@code application/target/classes} under {@code spring-boot:run} and in tests, hence the
 *       same {@code application/target/plugins}).
 *   <li>When the code source cannot be read (no code source, an unknown URL scheme):
 *       {@value #DEFAULT_NAME} in the working directory.
 * </ul>
 *
 * <p>Stateless.
 */
final class PluginFolder {

  /** The default folder's name. */
  static final String DEFAULT_NAME = "plugins";

  private PluginFolder() {}

  /**
   * The plugin folder of this node.
   *
   * @param configured {@code parsigex.plugins.dir}, or null when unset
   * @return the absolute folder
   */
  static Path resolve(Path configured) {
    CodeSource source = PluginFolder.class.getProtectionDomain().getCodeSource();
    URL location = source == null ? null : source.getLocation();
    return resolve(configured, Path.of("").toAbsolutePath(),
        location == null ? null : location.toExternalForm());
  }

  /**
   * The plugin folder, given where the application's classes come from.
   *
   * @param configured {@code parsigex.plugins.dir}, or null when unset
   * @param workingDirectory the working directory (absolute)
   * @param codeSource the location of the node's classes (a URL's external form), or null when
   *     unknown
   * @return the absolute, normalised folder
   */
  static Path resolve(Path configured, Path workingDirectory, String codeSource) {
    if (configured != null) {
      return workingDirectory.resolve(configured).toAbsolutePath().normalize();
    }
    return applicationHome(codeSource)
        .orElse(workingDirectory)
        .resolve(DEFAULT_NAME).toAbsolutePath().normalize();
  }

  /**
   * The folder that holds the application: the jar's folder, or the parent of a classes folder.
   *
   * @param codeSource {@code file:/…/x.jar}, {@code file:/…/classes/}, {@code jar:file:/…/x.jar!/…}
   *     or Spring Boot's {@code jar:nested:/…/x.jar/!BOOT-INF/classes/!/}
   * @return the folder, empty when the location is unknown or not on the file system
   */
  static Optional<Path> applicationHome(String codeSource) {
    if (codeSource == null) {
      return Optional.empty();
    }
    String s = codeSource;
    while (s.startsWith("jar:")) {
      s = s.substring("jar:".length());
      int bang = s.indexOf("!/");
      if (bang >= 0) {
        s = s.substring(0, bang);
      }
    }
    if (s.startsWith("nested:")) {
      // Spring Boot's nested location: nested:<jar path>/!<entry in it>
      s = "file:" + s.substring("nested:".length());
      int entry = s.indexOf("/!");
      if (entry >= 0) {
        s = s.substring(0, entry);
      }
    }
    if (!s.startsWith("file:")) {
      return Optional.empty();
    }
    try {
      // the jar's folder; for a classes folder its parent, where the jar built from it would be
      return Optional.ofNullable(Path.of(new URI(s)).toAbsolutePath().normalize().getParent());
    } catch (URISyntaxException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
