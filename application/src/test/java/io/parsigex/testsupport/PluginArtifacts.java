package io.parsigex.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * The real built plugin artifacts ({@code plugins/<module>/target/}), which the reactor builds
 * before the application's tests run, and helpers to derive broken variants of them.
 */
public final class PluginArtifacts {

  /** The plugin version every built-in plugin module builds. */
  public static final String VERSION = "1.0.0";

  private PluginArtifacts() {}

  /**
   * The artifact of a built-in plugin.
   *
   * @param module {@code bls-verifier}, {@code epoch-gater} or {@code example-codec}
   * @return the zip or jar
   * @throws AssertionError when it has not been built (build with {@code -am})
   */
  public static Path artifact(String module) {
    Path root = Path.of("").toAbsolutePath();
    if (!Files.isDirectory(root.resolve("plugins"))) {
      root = root.getParent();
    }
    Path target = root.resolve("plugins").resolve(module).resolve("target");
    for (String ext : new String[] {".zip", ".jar"}) {
      Path p = target.resolve(module + "-" + VERSION + ext);
      if (Files.isRegularFile(p)) {
        return p;
      }
    }
    throw new AssertionError("the " + module + " plugin is not built in " + target
        + "; run the tests with -pl application -am so that the plugin modules build first");
  }

  /**
   * Copies plugin artifacts into a plugin folder.
   *
   * @param dir the folder
   * @param modules the plugins
   * @return the folder
   */
  public static Path install(Path dir, String... modules) {
    try {
      Files.createDirectories(dir);
      for (String m : modules) {
        Path a = artifact(m);
        Files.copy(a, dir.resolve(a.getFileName()), StandardCopyOption.REPLACE_EXISTING);
      }
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Writes a copy of a plugin zip with some entries replaced or added.
   *
   * @param source the original zip
   * @param target where to write
   * @param replace entry name to new content
   */
  public static void rewriteZip(Path source, Path target, Map<String, byte[]> replace) {
    try (ZipFile in = new ZipFile(source.toFile());
        OutputStream os = Files.newOutputStream(target);
        ZipOutputStream out = new ZipOutputStream(os)) {
      var entries = in.entries();
      while (entries.hasMoreElements()) {
        ZipEntry e = entries.nextElement();
        if (replace.containsKey(e.getName())) {
          continue;
        }
        out.putNextEntry(new ZipEntry(e.getName()));
        try (InputStream is = in.getInputStream(e)) {
          is.transferTo(out);
        }
        out.closeEntry();
      }
      for (Map.Entry<String, byte[]> r : replace.entrySet()) {
        out.putNextEntry(new ZipEntry(r.getKey()));
        out.write(r.getValue());
        out.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Packs test classes as a PF4J plugin zip ({@code plugin.properties}, {@code classes/} with each
   * extension class and its nested classes, {@code classes/META-INF/extensions.idx}), so that the
   * plugin host loads them in the plugin's own class loader as it would a real plugin. The classes
   * must not be annotated {@code @Extension} (the node's class path would pick them up too).
   *
   * @param dir the plugin folder
   * @param pluginId the plugin id
   * @param extensions the extension classes, compiled with the tests
   * @return the folder
   */
  public static Path testPlugin(Path dir, String pluginId, Class<?>... extensions) {
    try {
      Files.createDirectories(dir);
      Path zip = dir.resolve(pluginId + "-" + VERSION + ".zip");
      try (OutputStream os = Files.newOutputStream(zip);
          ZipOutputStream out = new ZipOutputStream(os)) {
        put(out, "plugin.properties", ("plugin.id=" + pluginId + "\nplugin.version=" + VERSION
            + "\nplugin.requires=>=1.0.0 & <2.0.0\nplugin.provider=parsigex tests\n")
            .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        StringBuilder index = new StringBuilder();
        for (Class<?> c : extensions) {
          index.append(c.getName()).append('\n');
          Path root = Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
          String pkg = c.getPackageName().replace('.', '/');
          try (var files = Files.list(root.resolve(pkg))) {
            for (Path f : (Iterable<Path>) files::iterator) {
              String name = f.getFileName().toString();
              if (name.equals(c.getSimpleName() + ".class")
                  || name.startsWith(c.getSimpleName() + "$")) {
                put(out, "classes/" + pkg + "/" + name, Files.readAllBytes(f));
              }
            }
          }
        }
        put(out, "classes/META-INF/extensions.idx",
            index.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
      }
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void put(ZipOutputStream out, String name, byte[] bytes) throws IOException {
    out.putNextEntry(new ZipEntry(name));
    out.write(bytes);
    out.closeEntry();
  }

  /**
   * Reads one entry of a zip.
   *
   * @param zip the zip
   * @param name the entry
   * @return its bytes
   */
  public static byte[] entry(Path zip, String name) {
    try (ZipFile in = new ZipFile(zip.toFile())) {
      ZipEntry e = in.getEntry(name);
      if (e == null) {
        throw new AssertionError(zip + " has no entry " + name);
      }
      try (InputStream is = in.getInputStream(e)) {
        return is.readAllBytes();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
