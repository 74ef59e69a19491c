package io.parsigex.node.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.parsigex.cluster.ClusterLockLoader;
import io.parsigex.eth2.fork.Fork;
import io.parsigex.eth2.signing.ChainPreset;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The configuration metadata an IDE reads (META-INF/spring-configuration-metadata.json, generated
 * from the {@code @ConfigurationProperties} records and merged with
 * META-INF/additional-spring-configuration-metadata.json): descriptions are plain text, without
 * Javadoc markup, and every setting that takes one of a fixed set of words is an enum or carries
 * value hints, so the IDE completes it. Every {@code parsigex.*} text setting is either hinted or
 * listed here as free-form, with the reason; a new text setting must be put in one or the other.
 * The hints are the values the node accepts, no more and no fewer.
 */
class ConfigurationMetadataTest {

  /** Text settings with no fixed set of values, each with why. */
  private static final Map<String, String> FREE_FORM = Map.ofEntries(
      Map.entry("parsigex.api.token", "a secret"),
      Map.entry("parsigex.chain.genesis-validators-root", "a 32-byte hex root"),
      Map.entry("parsigex.cluster.peers", "multiaddrs"),
      Map.entry("parsigex.metrics.peer-names", "<peer-id>=<name> entries"),
      Map.entry("parsigex.p2p.listen", "multiaddrs"),
      Map.entry("parsigex.p2p.relays", "multiaddrs or URLs"),
      Map.entry("parsigex.peerinfo.nickname", "the operator's name for the node"),
      Map.entry("parsigex.plugins.enabled", "the ids of whatever plugins are installed"),
      Map.entry("parsigex.plugins.disabled", "the ids of whatever plugins are installed"),
      Map.entry("parsigex.plugins.settings", "plugin ids, then each plugin's own keys"),
      Map.entry("parsigex.ws.allowed-origins", "browser origins"));

  private static final Map<String, JsonNode> PROPERTIES = new LinkedHashMap<>();
  private static final Map<String, JsonNode> HINTS = new LinkedHashMap<>();
  private static JsonNode meta;

  @BeforeAll
  static void load() throws Exception {
    try (InputStream in = ConfigurationMetadataTest.class
        .getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
      assertThat(in).as("configuration metadata (spring-boot-configuration-processor)").isNotNull();
      meta = JsonMapper.builder().build().readTree(in);
    }
    for (JsonNode p : meta.get("properties")) {
      if (p.get("name").stringValue().startsWith("parsigex.")) {
        PROPERTIES.put(p.get("name").stringValue(), p);
      }
    }
    for (JsonNode h : meta.path("hints")) {
      HINTS.put(h.get("name").stringValue(), h);
    }
  }

  private static List<String> hintValues(String name) {
    JsonNode h = HINTS.get(name);
    assertThat(h).as("hints for " + name).isNotNull();
    List<String> out = new ArrayList<>();
    h.get("values").forEach(v -> out.add(v.get("value").asString()));
    return out;
  }

  @Test
  void descriptionsAreFreeOfJavadocMarkup() {
    List<String> marked = new ArrayList<>();
    Stream.of("groups", "properties").forEach(section -> meta.path(section).forEach(p -> {
      String d = p.path("description").asString("");
      if (d.contains("{@") || d.contains("<code>") || d.contains("<p>")) {
        marked.add(p.get("name").stringValue() + ": " + d);
      }
    }));
    HINTS.values().forEach(h -> h.path("values").forEach(v -> {
      if (v.path("description").asString("").contains("{@")) {
        marked.add(h.get("name").stringValue() + "=" + v.get("value").asString());
      }
    }));
    assertThat(marked).as("descriptions with raw Javadoc").isEmpty();
    // the markup's text is kept
    assertThat(PROPERTIES.get("parsigex.api.max-request-size").get("description").stringValue())
        .contains("under /api/ accepts");
    assertThat(PROPERTIES.get("parsigex.plugins.settings").get("description").stringValue())
        .contains("from their PluginContext (parsigex.plugins.settings.epoch-gater.");
  }

  @Test
  void everyTextSettingIsAnEnumHintedOrKnownToBeFreeForm() throws Exception {
    List<String> unhinted = new ArrayList<>();
    for (Map.Entry<String, JsonNode> e : PROPERTIES.entrySet()) {
      String name = e.getKey();
      String type = e.getValue().path("type").asString("");
      boolean text = type.equals("java.lang.String") || type.equals("java.util.List<java.lang.String>")
          || type.startsWith("java.util.Map<java.lang.String,");
      boolean hinted = HINTS.containsKey(name) || HINTS.containsKey(name + ".keys");
      if (!type.startsWith("java.") && !type.startsWith("org.springframework.")
          && !type.contains("<")) {
        Class<?> c = Class.forName(type);
        assertThat(c.isEnum() || c.isRecord()).as(name + " of type " + type).isTrue();
        if (c.isEnum() && !hinted) {
          unhinted.add(name + " (enum " + type + " without value descriptions)");
        }
        continue;
      }
      if (text && !hinted && !FREE_FORM.containsKey(name)) {
        unhinted.add(name + " (" + type + ")");
      }
    }
    assertThat(unhinted).as("settings an IDE cannot complete: add value hints to "
        + "META-INF/additional-spring-configuration-metadata.json, or list them in FREE_FORM")
        .isEmpty();
    assertThat(FREE_FORM.keySet()).as("free-form settings that no longer exist")
        .allMatch(PROPERTIES::containsKey);
    assertThat(HINTS.keySet()).as("hints for settings that do not exist").allMatch(h ->
        PROPERTIES.containsKey(h) || PROPERTIES.containsKey(h.replaceFirst("\\.keys$", "")));
  }

  @Test
  void theLockVerificationHintsAreExactlyTheAcceptedLevels() {
    List<String> hinted = hintValues("parsigex.cluster.lock-verification");
    assertThat(hinted.stream().map(LockSettings::verification))
        .containsExactlyInAnyOrder(ClusterLockLoader.Verification.values());
    assertThat(hinted).hasSize(ClusterLockLoader.Verification.values().length)
        .contains(PROPERTIES.get("parsigex.cluster.lock-verification").get("defaultValue")
            .asString());
  }

  @Test
  void theChainPresetHintsAreEveryPresetAndCustom() {
    List<String> expected = new ArrayList<>();
    Arrays.stream(ChainPreset.values()).map(ChainPreset::label).forEach(expected::add);
    expected.add(ChainPreset.CUSTOM);
    assertThat(hintValues("parsigex.chain.preset")).containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void theModeHintsAreEveryMode() {
    assertThat(hintValues("parsigex.mode")).containsExactlyInAnyOrderElementsOf(
        Arrays.stream(NodeMode.values()).map(m -> m.name().toLowerCase(Locale.ROOT)).toList());
  }

  @Test
  void theForkKeyHintsAreEveryFork() {
    Set<String> forks = Set.copyOf(Arrays.stream(Fork.values()).map(Fork::label).toList());
    for (String map : List.of("parsigex.chain.fork-versions", "parsigex.chain.fork-epochs")) {
      assertThat(hintValues(map + ".keys")).as(map).containsExactlyInAnyOrderElementsOf(forks);
    }
  }
}
