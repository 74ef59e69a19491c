package io.parsigex.node.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.parsigex.node.feed.FeedProperties;
import io.parsigex.node.plugins.PluginProperties;
import io.parsigex.node.plugins.VerificationProperties;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The known {@code parsigex.*} names come from the {@code @ConfigurationProperties} records (not a
 * hand-kept list), agree with the binder and the generated metadata, and an unknown name is
 * reported with its closest known name, from the command line and the environment alike.
 */
class KnownPropertiesTest {

  private static final Map<String, Class<?>> ROOTS = Map.of(
      "parsigex", ParsigexProperties.class,
      "parsigex.plugins", PluginProperties.class,
      "parsigex.verification", VerificationProperties.class,
      "parsigex.peerinfo", PeerInfoProperties.class,
      "parsigex.metrics", MetricsProperties.class,
      "parsigex.ws", FeedProperties.class);
  private static final KnownProperties KNOWN = new KnownProperties(ROOTS);

  @Test
  void theRootsAreTheRegisteredConfigurationPropertiesTypes() {
    DefaultListableBeanFactory bf = new DefaultListableBeanFactory();
    ROOTS.values().forEach(c -> bf.registerBeanDefinition(c.getName(),
        new RootBeanDefinition(c)));
    bf.registerBeanDefinition("notProperties", new RootBeanDefinition(String.class));
    assertThat(UnknownPropertyCheck.roots(bf)).isEqualTo(new java.util.TreeMap<>(ROOTS));
  }

  @Test
  void everyNameInTheGeneratedMetadataIsKnown() throws Exception {
    JsonNode meta;
    try (InputStream in = getClass()
        .getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
      meta = JsonMapper.builder().build().readTree(in);
    }
    List<String> names = new ArrayList<>();
    for (JsonNode p : meta.get("properties")) {
      String name = p.get("name").stringValue();
      if (name.startsWith("parsigex.")) {
        names.add(name);
      }
    }
    assertThat(names).contains("parsigex.mode", "parsigex.cluster.lock-file");
    assertThat(names).allSatisfy(n -> assertThat(KNOWN.isKnown(ConfigurationPropertyName.of(n)))
        .as(n).isTrue());
  }

  @Test
  void namesThatBindAreKnownInEverySpelling() {
    Map<String, String> binds = new LinkedHashMap<>();
    binds.put("parsigex.cluster.lock-file", "/a");
    binds.put("parsigex.identity.keyfile", "/k");
    binds.put("parsigex.p2p.listen[0]", "/ip4/127.0.0.1/tcp/1");
    binds.put("parsigex.cluster.validators[0].public-key", "0xaa");
    binds.put("parsigex.cluster.validators[0].public-shares[0]", "0xba");
    binds.put("parsigex.cluster.validators[0].public-shares[1]", "0xbb");
    binds.put("parsigex.chain.fork-versions.altair", "0x01000000");
    binds.put("parsigex.mode", "demo");
    for (String n : binds.keySet()) {
      assertThat(KNOWN.isKnown(ConfigurationPropertyName.of(n))).as(n).isTrue();
    }
    ParsigexProperties p = new Binder(new MapConfigurationPropertySource(binds))
        .bindOrCreate("parsigex", ParsigexProperties.class);
    assertThat(p.cluster().lockFile()).hasToString("/a");
    assertThat(p.identity().keyFile()).hasToString("/k");
    assertThat(p.cluster().validators().get(0).publicShares()).hasSize(2);
    assertThat(p.chain().forkVersions()).containsEntry("altair", "0x01000000");
    assertThat(p.mode()).isEqualTo(NodeMode.DEMO);
    assertThat(KNOWN.isKnown(ConfigurationPropertyName.of(
        "parsigex.plugins.settings.epoch-gater.allowed-future-epochs"))).isTrue();
  }

  @Test
  void unknownNamesAreReportedWithTheClosestKnownName() {
    StandardEnvironment env = new StandardEnvironment();
    env.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
    env.getPropertySources().remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
    Map<String, Object> args = new LinkedHashMap<>();
    args.put("parsigex.cluster.lock-fille", "/a");
    args.put("parsigex.cluster.validators[0].pubkey", "0xaa");
    args.put("parsigex.plugins.setings.x.y", "1");
    args.put("parsigex.p2p.listen[0]", "/ip4/127.0.0.1/tcp/1");
    args.put("parsigex.plugins.settings.bls-verifier.anything", "1");
    args.put("server.port", "1");
    args.put("parsigex.cluster.lockFile", "/camel-case-binds-too");
    env.getPropertySources().addFirst(new MapPropertySource("commandLineArgs", args));
    env.getPropertySources().addLast(new SystemEnvironmentPropertySource("systemEnvironment",
        Map.of("PARSIGEX_CLUSTER_LOKFILE", "/a", "PARSIGEX_P2P_LISTEN_0", "/ip4/1.2.3.4/tcp/1",
            "PARSIGEX_IDENTITY_KEYFILE", "/k", "PATH", "/bin")));
    List<UnknownPropertiesException.Unknown> unknown = UnknownPropertyCheck.unknown(KNOWN, env);
    assertThat(unknown).extracting(UnknownPropertiesException.Unknown::name).containsExactly(
        "parsigex.cluster.lock-fille", "parsigex.cluster.validators[0].pubkey",
        "parsigex.plugins.setings.x.y", "parsigex.cluster.lokfile");
    assertThat(unknown).extracting(UnknownPropertiesException.Unknown::suggestion).containsExactly(
        "parsigex.cluster.lock-file", "parsigex.cluster.validators[i].public-key",
        "parsigex.plugins.settings.<key>",
        "parsigex.cluster.lock-file (environment variable PARSIGEX_CLUSTER_LOCKFILE)");
    assertThat(unknown.get(3).origin()).contains("PARSIGEX_CLUSTER_LOKFILE");
  }
}
