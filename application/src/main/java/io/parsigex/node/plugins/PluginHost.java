package io.parsigex.node.plugins;

import io.parsigex.api.DutyGater;
import io.parsigex.api.PartialSignatureVerifier;
import io.parsigex.api.PluginApi;
import io.parsigex.api.PluginContext;
import io.parsigex.api.SignedDataCodec;
import io.parsigex.core.extensions.NamedExtension;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Stream;
import org.pf4j.DefaultPluginManager;
import org.pf4j.PluginManager;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;
import org.pf4j.util.FileUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the PF4J plugins of a folder, checks them, starts them and creates their extensions, each
 * with its {@link PluginContext}.
 *
 * <ul>
 *   <li>A plugin whose {@code Plugin-Requires} rejects this node's plugin-api version stops the node
 *       ({@link IncompatiblePluginException}, naming the plugin).
 *   <li>A file that is not a readable plugin, a plugin that bundles its own copy of plugin-api, a
 *       plugin that fails to start and an extension whose constructor throws are left out, each with
 *       a {@link PluginDiagnostic}; the node goes on.
 *   <li>A started plugin that contributes no extension at all (typically: built on JDK 23 or newer
 *       without PF4J's annotation processor, so it has no {@code META-INF/extensions.idx}) stays
 *       loaded but is reported: a warning naming the plugin, the likely cause and the fix, and an
 *       entry in {@link #withoutExtensions()}.
 *   <li>With verification enabled and no verifier left, the node refuses to start
 *       ({@link MissingVerifierException}).
 * </ul>
 *
 * <p>Plugins are enabled or disabled by id ({@code parsigex.plugins.enabled}/{@code disabled}).
 * Immutable after construction; {@link #close()} stops and unloads the plugins.
 */
public final class PluginHost implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(PluginHost.class);
  private static final String EXTENSION_POINTS = DutyGater.class.getSimpleName() + ", "
      + PartialSignatureVerifier.class.getSimpleName() + " or "
      + SignedDataCodec.class.getSimpleName();

  private final Path dir;
  private final PluginManager manager;
  private final List<PluginDiagnostic> diagnostics;
  private final List<PluginDiagnostic> withoutExtensions;
  private final List<NamedExtension<DutyGater>> gaters;
  private final List<NamedExtension<PartialSignatureVerifier>> verifiers;
  private final List<NamedExtension<SignedDataCodec>> codecs;

  /**
   * Loads and starts the plugins found in a folder.
   *
   * @param dir the plugin folder (absent means no plugins)
   * @param enabled ids to load; empty means all
   * @param disabled ids never to load
   * @param contexts the context for each plugin id
   * @param verificationEnabled whether a verifier is required
   * @throws PluginStartupException when the node must not start
   */
  public PluginHost(Path dir, Collection<String> enabled, Collection<String> disabled,
      Function<String, PluginContext> contexts, boolean verificationEnabled) {
    this.dir = dir.toAbsolutePath();
    DefaultPluginManager pm = new DefaultPluginManager(this.dir);
    String apiVersion = PluginApi.version();
    pm.setSystemVersion(apiVersion);
    this.manager = pm;
    List<PluginDiagnostic> diags = new ArrayList<>();
    try {
      loadAll(pm, Set.copyOf(enabled), Set.copyOf(disabled), apiVersion, diags);
      pm.startPlugins();
      for (PluginWrapper p : List.copyOf(pm.getPlugins())) {
        if (p.getPluginState() == PluginState.FAILED) {
          diags.add(new PluginDiagnostic(p.getPluginId(), "failed to start: "
              + describe(p.getFailedException()) + "; the plugin is left out"));
          pm.unloadPlugin(p.getPluginId());
        }
      }
      ContextExtensionFactory factory = new ContextExtensionFactory(contexts);
      Map<String, Integer> found = new TreeMap<>();
      this.gaters = create(pm, factory, DutyGater.class, diags, found);
      this.verifiers = create(pm, factory, PartialSignatureVerifier.class, diags, found);
      this.codecs = create(pm, factory, SignedDataCodec.class, diags, found);
      this.withoutExtensions = withoutExtensions(pm, found);
    } catch (RuntimeException e) {
      closeQuietly(pm);
      throw e;
    }
    this.diagnostics = List.copyOf(diags);
    for (PluginDiagnostic d : diagnostics) {
      log.error("Plugin left out: {}", d);
    }
    for (PluginWrapper p : pm.getStartedPlugins()) {
      log.info("Loaded plugin {} {} from {}", p.getPluginId(), p.getDescriptor().getVersion(),
          p.getPluginPath());
    }
    logExtensions("gater", gaters);
    logExtensions("verifier", verifiers);
    logExtensions("codec", codecs);
    for (PluginDiagnostic d : withoutExtensions) {
      log.warn("Plugin {} {}", d.source(), d.problem());
    }
    if (verifiers.isEmpty()) {
      if (verificationEnabled) {
        closeQuietly(pm);
        throw new MissingVerifierException(this.dir.toString());
      }
      log.warn("No partial-signature verifier is loaded and parsigex.verification.enabled=false: "
          + "received signatures are NOT verified");
    }
  }

  private static void loadAll(DefaultPluginManager pm, Set<String> enabled, Set<String> disabled,
      String apiVersion, List<PluginDiagnostic> diags) {
    if (!Files.isDirectory(pm.getPluginsRoot())) {
      log.info("Plugin folder {} does not exist; no plugins loaded", pm.getPluginsRoot());
      return;
    }
    log.info("Loading plugins from {}", pm.getPluginsRoot());
    for (Map.Entry<Path, String> c : candidates(pm.getPluginsRoot(), diags).entrySet()) {
      Path candidate = c.getKey();
      String id;
      try {
        id = pm.loadPlugin(candidate);
      } catch (RuntimeException e) {
        diags.add(new PluginDiagnostic(c.getValue(),
            "not a readable PF4J plugin (" + describe(e) + "); expected a jar with Plugin-Id in "
                + "its manifest or a zip with plugin.properties, classes/ and lib/"));
        continue;
      }
      PluginWrapper p = pm.getPlugin(id);
      String requires = p.getDescriptor().getRequires();
      if (!pm.getVersionManager().checkVersionConstraint(apiVersion, requires)) {
        throw new IncompatiblePluginException(id, requires, apiVersion,
            String.valueOf(p.getPluginPath()));
      }
      if (disabled.contains(id) || (!enabled.isEmpty() && !enabled.contains(id))) {
        log.info("Plugin {} is disabled by parsigex.plugins.enabled/disabled", id);
        pm.unloadPlugin(id);
        continue;
      }
      String bundled = bundledApi(p);
      if (bundled != null) {
        diags.add(new PluginDiagnostic(id, "bundles its own copy of plugin-api (" + bundled
            + "); declare io.parsigex:parsigex-plugin-api with <scope>provided</scope> so that "
            + "its extensions implement the node's interfaces"));
        pm.unloadPlugin(id);
      }
    }
  }

  /** Plugin paths to load (zips expanded), each with the file name to report problems under. */
  private static Map<Path, String> candidates(Path root, List<PluginDiagnostic> diags) {
    Map<Path, String> found = new TreeMap<>();
    List<Path> entries;
    try (Stream<Path> s = Files.list(root)) {
      entries = s.sorted().toList();
    } catch (IOException e) {
      diags.add(new PluginDiagnostic(root.toString(), "cannot list the plugin folder: "
          + describe(e)));
      return Map.of();
    }
    for (Path p : entries) {
      if (FileUtils.isZipFile(p)) {
        try {
          found.put(FileUtils.expandIfZip(p), p.getFileName().toString());
        } catch (IOException | RuntimeException e) {
          diags.add(new PluginDiagnostic(p.getFileName().toString(),
              "corrupt plugin zip (" + describe(e) + "); rebuild or re-download it"));
        }
      }
    }
    for (Path p : entries) {
      String name = p.getFileName().toString();
      boolean expandedZip = Files.isRegularFile(p.resolveSibling(name + ".zip"));
      if ((Files.isDirectory(p) && !expandedZip && !name.startsWith("."))
          || name.endsWith(".jar")) {
        found.put(p, name);
      }
    }
    return found;
  }

  private static String bundledApi(PluginWrapper p) {
    try {
      Class<?> seen = p.getPluginClassLoader().loadClass(PluginApi.class.getName());
      if (seen == PluginApi.class) {
        return null;
      }
      var source = seen.getProtectionDomain().getCodeSource();
      return source == null ? "unknown location" : String.valueOf(source.getLocation());
    } catch (ClassNotFoundException | LinkageError e) {
      return null;
    }
  }

  /**
   * The started plugins none of whose classes PF4J found for any extension point, each with the
   * likely cause. {@code found} counts, per plugin, the extension classes found (including those
   * whose creation failed) and the listings that failed, both of which are diagnosed elsewhere.
   */
  private static List<PluginDiagnostic> withoutExtensions(PluginManager pm,
      Map<String, Integer> found) {
    List<PluginDiagnostic> out = new ArrayList<>();
    for (PluginWrapper p : pm.getStartedPlugins()) {
      String id = p.getPluginId();
      if (found.getOrDefault(id, 0) > 0) {
        continue;
      }
      Set<String> indexed;
      try {
        indexed = new TreeSet<>(pm.getExtensionClassNames(id));
      } catch (RuntimeException | LinkageError e) {
        indexed = Set.of();
      }
      out.add(new PluginDiagnostic(id, ExtensionIndexCheck.explain(p, indexed, EXTENSION_POINTS)));
    }
    return List.copyOf(out);
  }

  private <T> List<NamedExtension<T>> create(PluginManager pm, ContextExtensionFactory factory,
      Class<T> type, List<PluginDiagnostic> diags, Map<String, Integer> found) {
    List<NamedExtension<T>> out = new ArrayList<>();
    for (PluginWrapper p : pm.getStartedPlugins()) {
      String id = p.getPluginId();
      List<Class<? extends T>> classes;
      try {
        classes = pm.getExtensionClasses(type, id);
      } catch (RuntimeException | LinkageError e) {
        diags.add(new PluginDiagnostic(id, "cannot list its " + type.getSimpleName()
            + " extensions: " + describe(e)));
        // Diagnosed here; not reported a second time as a plugin without extensions.
        found.merge(id, 1, Integer::sum);
        continue;
      }
      found.merge(id, classes.size(), Integer::sum);
      for (Class<? extends T> c : classes) {
        try {
          out.add(new NamedExtension<>(id, factory.create(id, c)));
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
          Throwable cause = e instanceof InvocationTargetException ite && ite.getCause() != null
              ? ite.getCause() : e;
          diags.add(new PluginDiagnostic(id, "extension " + c.getName()
              + " could not be created: " + describe(cause) + "; it is left out"));
        }
      }
    }
    return List.copyOf(out);
  }

  private static void logExtensions(String kind, List<? extends NamedExtension<?>> extensions) {
    for (NamedExtension<?> e : extensions) {
      log.info("Plugin extension ({}) from {}: {}", kind, e.pluginId(), e.className());
    }
  }

  private static String describe(Throwable t) {
    if (t == null) {
      return "unknown error";
    }
    String msg = t.getMessage();
    return t.getClass().getSimpleName() + (msg == null ? "" : ": " + msg);
  }

  private static void closeQuietly(PluginManager pm) {
    try {
      pm.stopPlugins();
      pm.unloadPlugins();
    } catch (RuntimeException e) {
      log.warn("Error while unloading plugins: {}", describe(e));
    }
  }

  /**
   * The plugin folder.
   *
   * @return its absolute path
   */
  public Path dir() {
    return dir;
  }

  /**
   * The PF4J manager.
   *
   * @return the manager
   */
  public PluginManager manager() {
    return manager;
  }

  /**
   * What was wrong with the plugins that were left out.
   *
   * @return an immutable list, empty when every plugin loaded
   */
  public List<PluginDiagnostic> diagnostics() {
    return diagnostics;
  }

  /**
   * The started plugins that contribute no extension, each with the likely cause and the fix (most
   * often a build without PF4J's annotation processor, hence without
   * {@code META-INF/extensions.idx}). They stay loaded; the node warns about each at startup.
   *
   * @return an immutable list, empty when every started plugin contributes an extension
   */
  public List<PluginDiagnostic> withoutExtensions() {
    return withoutExtensions;
  }

  /**
   * Gater extensions of the started plugins.
   *
   * @return gaters with their plugin ids
   */
  public List<NamedExtension<DutyGater>> gaters() {
    return gaters;
  }

  /**
   * Verifier extensions of the started plugins.
   *
   * @return verifiers with their plugin ids
   */
  public List<NamedExtension<PartialSignatureVerifier>> verifiers() {
    return verifiers;
  }

  /**
   * Codec extensions of the started plugins.
   *
   * @return codecs with their plugin ids
   */
  public List<NamedExtension<SignedDataCodec>> codecs() {
    return codecs;
  }

  @Override
  public void close() {
    closeQuietly(manager);
  }
}
