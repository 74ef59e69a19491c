package io.parsigex.node.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.type.MethodMetadata;
import org.springframework.util.ClassUtils;

/**
 * Refuses start-up when a property source (command line, environment variables, system
 * properties, application.yml) sets a {@code parsigex.*} name that no setting binds. The known
 * names come from the {@code @ConfigurationProperties} types registered in the context, so a new
 * setting is known as soon as its record is. Runs before any bean is created, so a typo is
 * reported before anything it might have configured fails.
 */
public final class UnknownPropertyCheck implements BeanFactoryPostProcessor, EnvironmentAware,
    Ordered {

  /** The namespace checked: names outside it belong to Spring or other libraries. */
  public static final String NAMESPACE = "parsigex";

  private Environment environment;

  @Override
  public void setEnvironment(Environment environment) {
    this.environment = environment;
  }

  @Override
  public int getOrder() {
    return Ordered.HIGHEST_PRECEDENCE;
  }

  @Override
  public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
    if (!(environment instanceof ConfigurableEnvironment env)) {
      return;
    }
    KnownProperties known = new KnownProperties(roots(beanFactory));
    List<UnknownPropertiesException.Unknown> unknown = unknown(known, env);
    if (!unknown.isEmpty()) {
      throw new UnknownPropertiesException(unknown);
    }
  }

  /**
   * The unknown {@code parsigex.*} names in an environment, each once, first origin kept.
   *
   * @param known the known names
   * @param env the environment
   * @return the unknown ones
   */
  static List<UnknownPropertiesException.Unknown> unknown(KnownProperties known,
      ConfigurableEnvironment env) {
    ConfigurationPropertyName namespace = ConfigurationPropertyName.of(NAMESPACE);
    Map<ConfigurationPropertyName, UnknownPropertiesException.Unknown> found =
        new LinkedHashMap<>();
    for (ConfigurationPropertySource source : ConfigurationPropertySources.get(env)) {
      if (!(source instanceof IterableConfigurationPropertySource iterable)) {
        continue;
      }
      boolean fromEnv = source.getUnderlyingSource() instanceof SystemEnvironmentPropertySource;
      for (ConfigurationPropertyName name : iterable) {
        if ((namespace.isAncestorOf(name) || namespace.equals(name)) && !found.containsKey(name)
            && !known.isKnown(name)) {
          String suggestion = known.closest(name);
          found.put(name, new UnknownPropertiesException.Unknown(name.toString(),
              origin(source, name, fromEnv), fromEnv ? suggestion + " (environment variable "
                  + environmentForm(suggestion) + ")" : suggestion));
        }
      }
    }
    return new ArrayList<>(found.values());
  }

  private static String origin(ConfigurationPropertySource source, ConfigurationPropertyName name,
      boolean fromEnv) {
    ConfigurationProperty p = source.getConfigurationProperty(name);
    if (p != null && p.getOrigin() != null) {
      return p.getOrigin().toString();
    }
    return fromEnv ? "an environment variable" : String.valueOf(source.getUnderlyingSource());
  }

  /** {@code parsigex.p2p.listen[i]} as an environment variable: {@code PARSIGEX_P2P_LISTEN_0}. */
  static String environmentForm(String template) {
    return template.replace("[i]", "_0").replace("<key>", "<KEY>").replace("-", "")
        .replace('.', '_').toUpperCase(java.util.Locale.ROOT);
  }

  /** Each {@code parsigex*} prefix with the type bound there, from the bean definitions. */
  static Map<String, Class<?>> roots(ConfigurableListableBeanFactory beanFactory) {
    Map<String, Class<?>> roots = new TreeMap<>();
    ClassLoader loader = beanFactory.getBeanClassLoader();
    for (String name : beanFactory.getBeanDefinitionNames()) {
      BeanDefinition d = beanFactory.getBeanDefinition(name);
      Class<?> type = boundType(d, loader);
      if (type == null) {
        continue;
      }
      ConfigurationProperties cp = AnnotatedElementUtils.findMergedAnnotation(type,
          ConfigurationProperties.class);
      String prefix = cp != null ? cp.prefix() : factoryMethodPrefix(d);
      if (prefix != null && (prefix.equals(NAMESPACE) || prefix.startsWith(NAMESPACE + "."))) {
        roots.put(prefix, type);
      }
    }
    return roots;
  }

  private static Class<?> boundType(BeanDefinition d, ClassLoader loader) {
    String className = d.getBeanClassName();
    if (d instanceof AnnotatedBeanDefinition a && a.getFactoryMethodMetadata() != null) {
      className = a.getFactoryMethodMetadata().getReturnTypeName();
    }
    if (className == null) {
      return null;
    }
    try {
      return ClassUtils.forName(className, loader);
    } catch (ClassNotFoundException | LinkageError e) {
      return null;
    }
  }

  private static String factoryMethodPrefix(BeanDefinition d) {
    if (d instanceof AnnotatedBeanDefinition a && a.getFactoryMethodMetadata() != null) {
      MethodMetadata m = a.getFactoryMethodMetadata();
      Map<String, Object> attrs = m.getAnnotationAttributes(ConfigurationProperties.class
          .getName());
      if (attrs != null) {
        Object prefix = attrs.get("prefix");
        return prefix == null ? null : prefix.toString();
      }
    }
    return null;
  }
}
