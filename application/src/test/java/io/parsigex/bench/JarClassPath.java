package io.parsigex.bench;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * A class path of jars only: each directory of a given class path (the build's {@code classes} and
 * {@code test-classes}) is packed into a jar once per JVM. Class data sharing (AppCDS and JDK 25's
 * AOT cache) archives classes from jars only and refuses a non-empty directory on the class path.
 */
final class JarClassPath {

  private static final Map<String, String> PACKED = new ConcurrentHashMap<>();

  private JarClassPath() {}

  /**
   * The class path with every directory replaced by a jar of its contents.
   *
   * @param classPath entries separated by {@link File#pathSeparator}
   * @return the same entries, directories packed (empty entries dropped)
   */
  static String of(String classPath) {
    return PACKED.computeIfAbsent(classPath, JarClassPath::pack);
  }

  private static String pack(String classPath) {
    List<String> out = new ArrayList<>();
    int n = 0;
    for (String entry : classPath.split(File.pathSeparator)) {
      if (entry.isBlank()) {
        continue;
      }
      Path p = Path.of(entry);
      if (Files.isDirectory(p)) {
        Path jar = p.toAbsolutePath().getParent().resolve("bench-classpath-" + (n++) + ".jar");
        jar(p, jar);
        out.add(jar.toString());
      } else {
        out.add(entry);
      }
    }
    return String.join(File.pathSeparator, out);
  }

  private static void jar(Path dir, Path jar) {
    try (OutputStream file = Files.newOutputStream(jar);
        JarOutputStream out = new JarOutputStream(file);
        Stream<Path> files = Files.walk(dir)) {
      for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
        out.putNextEntry(new JarEntry(dir.relativize(f).toString().replace(File.separatorChar,
            '/')));
        Files.copy(f, out);
        out.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot pack " + dir + " into " + jar, e);
    }
  }
}
