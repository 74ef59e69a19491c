package io.parsigex.node.plugins;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.pf4j.PluginWrapper;

/**
 * Explains why a started plugin contributed no extension, for the warning the node logs about it.
 *
 * <p>PF4J finds a plugin's extensions only through {@code META-INF/extensions.idx}, which PF4J's
 * annotation processor writes when the {@code @Extension} classes are compiled. On JDK 23 and newer
 * javac runs annotation processors only when the build asks for them, so a plugin built there
 * without an explicit processor path compiles cleanly and ships without its index. This check looks
 * at what the plugin carries (the index, and its class files for the {@code @Extension} annotation)
 * and names the likely cause and the fix. It reads at most {@link #MAX_SCANNED_CLASSES} class files
 * of at most {@link #MAX_CLASS_BYTES} each. Stateless.
 */
final class ExtensionIndexCheck {

  /** Where PF4J's annotation processor writes the extension index. */
  static final String INDEX = "META-INF/extensions.idx";
  /** Class files read when looking for {@code @Extension} classes. */
  static final int MAX_SCANNED_CLASSES = 5_000;
  /** A larger class file is not read. */
  static final long MAX_CLASS_BYTES = 1 << 20;
  /** {@code @Extension} classes named in a warning. */
  static final int MAX_NAMED_CLASSES = 3;

  /** What the build must do, in the terms of the example project. */
  static final String BUILD_FIX = "configure PF4J's annotation processor explicitly in the "
      + "plugin's build (maven-compiler-plugin: <annotationProcessorPaths> with org.pf4j:pf4j and "
      + "<annotationProcessors>org.pf4j.processor.ExtensionAnnotationProcessor"
      + "</annotationProcessors>; plain javac: -processorpath pf4j.jar or -proc:full), rebuild, "
      + "and check that the artifact contains " + INDEX + "; plugins/example-project is a build "
      + "that works on JDK 17 and 25 alike";

  private static final byte[] EXTENSION_DESCRIPTOR =
      "Lorg/pf4j/Extension;".getBytes(StandardCharsets.US_ASCII);

  private ExtensionIndexCheck() {}

  /**
   * Why a plugin contributed no extension, and what to do.
   *
   * @param plugin the started plugin
   * @param indexed the class names its index lists (PF4J's view; empty without an index)
   * @param extensionPoints the simple names of the node's extension points
   * @return a message for the operator and the plugin's author
   */
  static String explain(PluginWrapper plugin, Set<String> indexed, String extensionPoints) {
    boolean hasIndex = plugin.getPluginClassLoader() instanceof URLClassLoader u
        && u.findResource(INDEX) != null;
    if (!hasIndex) {
      List<String> annotated = annotatedClasses(plugin.getPluginPath());
      String found = annotated.isEmpty()
          ? "no @Extension class was found in it either"
          : "although " + String.join(", ", annotated) + " "
              + (annotated.size() == 1 ? "is" : "are") + " annotated @Extension";
      return "contributes no extension: it has no " + INDEX + " (" + found + "). PF4J's "
          + "annotation processor did not run when it was compiled; javac on JDK 23 and newer runs "
          + "annotation processors only when asked. Fix: " + BUILD_FIX;
    }
    if (indexed.isEmpty()) {
      return "contributes no extension: its " + INDEX + " lists no class. Annotate the extension "
          + "classes with @org.pf4j.Extension and rebuild";
    }
    return "contributes no extension: its " + INDEX + " lists " + String.join(", ", indexed)
        + ", but none of them could be loaded as a " + extensionPoints + " of this node's "
        + "plugin-api (a class that is missing from the plugin, a dependency not bundled in lib/, "
        + "or an interface from another plugin-api; PF4J's log lines above name the class)";
  }

  /** Up to {@link #MAX_NAMED_CLASSES} names of the plugin's own classes annotated @Extension. */
  private static List<String> annotatedClasses(Path pluginPath) {
    List<String> found = new ArrayList<>();
    if (pluginPath == null) {
      return found;
    }
    try {
      if (Files.isRegularFile(pluginPath)) {
        scanJar(pluginPath, found);
      } else if (Files.isDirectory(pluginPath.resolve("classes"))) {
        scanDirectory(pluginPath.resolve("classes"), found);
      }
    } catch (IOException | RuntimeException e) {
      // Only the hint is lost; the warning itself still names the cause and the fix.
      return found;
    }
    return found;
  }

  private static void scanJar(Path jar, List<String> found) throws IOException {
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      Enumeration<? extends ZipEntry> entries = zip.entries();
      int scanned = 0;
      while (entries.hasMoreElements() && scanned < MAX_SCANNED_CLASSES
          && found.size() < MAX_NAMED_CLASSES) {
        ZipEntry e = entries.nextElement();
        if (e.isDirectory() || !e.getName().endsWith(".class") || e.getSize() > MAX_CLASS_BYTES) {
          continue;
        }
        scanned++;
        try (InputStream in = zip.getInputStream(e)) {
          if (annotated(in.readNBytes((int) MAX_CLASS_BYTES))) {
            found.add(className(e.getName()));
          }
        }
      }
    }
  }

  private static void scanDirectory(Path classes, List<String> found) throws IOException {
    try (Stream<Path> files = Files.walk(classes)) {
      List<Path> candidates = files
          .filter(f -> f.getFileName().toString().endsWith(".class"))
          .limit(MAX_SCANNED_CLASSES)
          .toList();
      for (Path f : candidates) {
        if (found.size() >= MAX_NAMED_CLASSES) {
          return;
        }
        if (Files.size(f) <= MAX_CLASS_BYTES && annotated(Files.readAllBytes(f))) {
          found.add(className(classes.relativize(f).toString().replace('\\', '/')));
        }
      }
    }
  }

  private static boolean annotated(byte[] classFile) {
    outer:
    for (int i = 0; i <= classFile.length - EXTENSION_DESCRIPTOR.length; i++) {
      for (int j = 0; j < EXTENSION_DESCRIPTOR.length; j++) {
        if (classFile[i + j] != EXTENSION_DESCRIPTOR[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  private static String className(String entry) {
    return entry.substring(0, entry.length() - ".class".length()).replace('/', '.');
  }
}
