package io.parsigex.node.plugins;

import io.parsigex.api.DutyGater;
import io.parsigex.api.PartialSignatureVerifier;
import io.parsigex.api.SignedDataCodec;
import java.nio.file.Files;
import java.util.List;
import org.pf4j.DefaultPluginManager;
import org.pf4j.PluginManager;
import org.pf4j.PluginWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;

/**
 * Loads PF4J plugins from the configured folder at startup, logs each plugin and the extensions it
 * provides, and stops them on shutdown.
 */
public final class PluginHost implements DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(PluginHost.class);

  private final PluginManager manager;

  /**
   * Loads and starts the plugins found in {@code properties.dir()}.
   *
   * @param properties where to look
   */
  public PluginHost(PluginProperties properties) {
    this.manager = new DefaultPluginManager(properties.dir().toAbsolutePath());
    if (!Files.isDirectory(properties.dir())) {
      log.info("Plugin folder {} does not exist; no plugins loaded", properties.dir().toAbsolutePath());
      return;
    }
    manager.loadPlugins();
    manager.startPlugins();
    for (PluginWrapper plugin : manager.getStartedPlugins()) {
      log.info("Loaded plugin {} {} from {}", plugin.getPluginId(),
          plugin.getDescriptor().getVersion(), plugin.getPluginPath());
    }
    logExtensions("gater", gaters());
    logExtensions("verifier", verifiers());
    logExtensions("codec", codecs());
  }

  private static void logExtensions(String kind, List<?> extensions) {
    for (Object e : extensions) {
      log.info("Plugin extension ({}): {}", kind, e.getClass().getName());
    }
  }

  /**
   * The plugin manager.
   *
   * @return the PF4J manager
   */
  public PluginManager manager() {
    return manager;
  }

  /**
   * Gater extensions of the started plugins.
   *
   * @return gaters
   */
  public List<DutyGater> gaters() {
    return manager.getExtensions(DutyGater.class);
  }

  /**
   * Verifier extensions of the started plugins.
   *
   * @return verifiers
   */
  public List<PartialSignatureVerifier> verifiers() {
    return manager.getExtensions(PartialSignatureVerifier.class);
  }

  /**
   * Codec extensions of the started plugins.
   *
   * @return codecs
   */
  public List<SignedDataCodec> codecs() {
    return manager.getExtensions(SignedDataCodec.class);
  }

  @Override
  public void destroy() {
    manager.stopPlugins();
    manager.unloadPlugins();
  }
}
