package io.parsigex.node.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * {@code parsigex.plugins.dir}: the configured folder wins (a relative one against the working
 * directory); unset, the plugins folder beside the node's jar or classes folder, in every form
 * the JVM and Spring Boot's launcher give the code source, whatever the working directory.
 */
class PluginFolderTest {

  private static final Path CWD = Path.of("/work/somewhere/else").toAbsolutePath();

  private static Path home(String url) throws Exception {
    return PluginFolder.resolve(null, CWD, url);
  }

  @Test
  void aConfiguredFolderWinsAndARelativeOneIsResolvedAgainstTheWorkingDirectory()
      throws Exception {
    String jar = "file:/opt/parsigex/parsigex-node.jar";
    assertThat(PluginFolder.resolve(Path.of("/srv/plugins"), CWD, jar))
        .isEqualTo(Path.of("/srv/plugins").toAbsolutePath());
    assertThat(PluginFolder.resolve(Path.of("my-plugins/../plugins2"), CWD, jar))
        .isEqualTo(CWD.resolve("plugins2"));
  }

  @Test
  void unsetItIsThePluginsFolderBesideTheJar() throws Exception {
    Path expected = Path.of("/opt/parsigex/plugins").toAbsolutePath();
    assertThat(home("file:/opt/parsigex/parsigex-node.jar")).isEqualTo(expected);
    // Spring Boot's launcher: the application's classes inside the executable jar
    assertThat(home("jar:nested:/opt/parsigex/parsigex-node.jar/!BOOT-INF/classes/!/"))
        .isEqualTo(expected);
    assertThat(home("jar:file:/opt/parsigex/parsigex-node.jar!/BOOT-INF/classes!/"))
        .isEqualTo(expected);
    assertThat(home("file:/opt/my%20node/parsigex-node.jar"))
        .isEqualTo(Path.of("/opt/my node/plugins").toAbsolutePath());
  }

  @Test
  void unsetAndRunFromAClassesFolderItIsBesideThatFolder() throws Exception {
    assertThat(home("file:/repo/application/target/classes/"))
        .isEqualTo(Path.of("/repo/application/target/plugins").toAbsolutePath());
  }

  @Test
  void anUnknownCodeSourceFallsBackToTheWorkingDirectory() throws Exception {
    assertThat(PluginFolder.resolve(null, CWD, null)).isEqualTo(CWD.resolve("plugins"));
    assertThat(home("http://example.invalid/parsigex-node.jar")).isEqualTo(CWD.resolve("plugins"));
  }

  @Test
  void inThisBuildTheDefaultIsTheCollectedPluginFolderOfTheApplicationModule() {
    // the tests run from target/classes: the default is target/plugins, where the build collects
    // the built-in plugins, not ./plugins of the working directory
    Path classes = Path.of(PluginFolder.class.getProtectionDomain().getCodeSource().getLocation()
        .getPath());
    assertThat(classes.getFileName().toString()).isEqualTo("classes");
    assertThat(PluginFolder.resolve(null)).isEqualTo(classes.resolveSibling("plugins"))
        .isDirectory();
    assertThat(new PluginProperties(null, null, null, null, null, 2, 1024, 64, null).folder())
        .isEqualTo(classes.resolveSibling("plugins"));
  }
}
