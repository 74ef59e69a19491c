package io.parsigex.node.plugins;

import io.parsigex.api.PluginContext;
import java.lang.reflect.Constructor;
import java.util.Objects;
import java.util.function.Function;

/**
 * Creates extensions the way {@link PluginContext} documents: through a public
 * {@code (PluginContext)} constructor when there is one, else the public no-argument constructor.
 * Holds no state besides its context source.
 */
final class ContextExtensionFactory {

  private final Function<String, PluginContext> contexts;

  /**
   * Creates the factory.
   *
   * @param contexts the context for a plugin id
   */
  ContextExtensionFactory(Function<String, PluginContext> contexts) {
    this.contexts = Objects.requireNonNull(contexts, "contexts");
  }

  /**
   * Instantiates one extension.
   *
   * @param pluginId the plugin it belongs to
   * @param type the extension class
   * @param <T> the class
   * @return the new instance
   * @throws ReflectiveOperationException when it has no usable constructor or its constructor throws
   *     (the cause is the plugin's exception)
   */
  <T> T create(String pluginId, Class<T> type) throws ReflectiveOperationException {
    try {
      Constructor<T> withContext = type.getConstructor(PluginContext.class);
      return withContext.newInstance(contexts.apply(pluginId));
    } catch (NoSuchMethodException e) {
      return type.getConstructor().newInstance();
    }
  }
}
