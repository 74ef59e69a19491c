package io.parsigex.node.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The README's configuration against the configuration metadata the build generates from the
 * {@code @ConfigurationProperties} records (names, descriptions and {@code @DefaultValue}s): every
 * {@code parsigex.*} property is documented, every documented property exists, and every default
 * the binder applies is the one the README states next to the property.
 */
class ConfigurationDocsTest {

  private static final Path README = Path.of("..", "README.md");
  private static final Pattern CODE = Pattern.compile("`([^`]+)`");

  /** Property name to its default as the binder applies it (null when it has none). */
  private static final Map<String, String> PROPERTIES = new LinkedHashMap<>();
  private static final Map<String, String> DESCRIPTIONS = new LinkedHashMap<>();
  /** README blocks (table rows and paragraphs outside code fences) with the names they mention. */
  private static final List<Block> BLOCKS = new ArrayList<>();

  private record Block(String text, Set<String> names) {}

  @BeforeAll
  static void load() throws Exception {
    JsonNode meta;
    try (InputStream in = ConfigurationDocsTest.class
        .getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
      assertThat(in).as("configuration metadata (spring-boot-configuration-processor)").isNotNull();
      meta = JsonMapper.builder().build().readTree(in);
    }
    for (JsonNode p : meta.get("properties")) {
      String name = p.get("name").stringValue();
      if (name.startsWith("parsigex.")) {
        JsonNode d = p.get("defaultValue");
        PROPERTIES.put(name, d == null || d.isNull() ? null
            : d.isArray() ? joined(d) : d.asString());
        DESCRIPTIONS.put(name, p.path("description").asString(""));
      }
    }
    List<String> paragraph = new ArrayList<>();
    boolean fenced = false;
    for (String line : Files.readAllLines(README)) {
      if (line.strip().startsWith("```")) {
        fenced = !fenced;
        flush(paragraph);
        continue;
      }
      if (fenced) {
        continue;
      }
      if (line.startsWith("|")) {
        flush(paragraph);
        BLOCKS.add(block(line));
      } else if (line.isBlank() || line.startsWith("#")) {
        flush(paragraph);
      } else {
        paragraph.add(line);
      }
    }
    flush(paragraph);
  }

  private static String joined(JsonNode array) {
    List<String> items = new ArrayList<>();
    array.forEach(e -> items.add(e.asString()));
    return String.join(",", items);
  }

  private static void flush(List<String> lines) {
    if (!lines.isEmpty()) {
      BLOCKS.add(block(String.join(" ", lines)));
      lines.clear();
    }
  }

  /**
   * The property names a block mentions. In the first cell of a table row, a name that does not
   * start with {@code parsigex.} but follows one that does is relative to that one's group: in
   * "{@code parsigex.protocol.receive-timeout} / {@code send-timeout}" the second is
   * {@code parsigex.protocol.send-timeout}.
   */
  private static Block block(String text) {
    Set<String> names = new LinkedHashSet<>();
    String group = null;
    boolean row = text.startsWith("|");
    Matcher m = CODE.matcher(row ? text.split("\\|")[1] : text);
    while (m.find()) {
      String token = m.group(1).replaceFirst("^--", "").replaceAll("=.*", "")
          .replaceAll("\\[i]", "");
      if (token.startsWith("parsigex.")) {
        names.add(token);
        group = token.substring(0, token.lastIndexOf('.') + 1);
      } else if (row && group != null
          && token.matches("\\.?[a-z][a-z0-9-]*(\\.[a-z<][a-z0-9<>-]*)*")) {
        names.add(group + (token.startsWith(".") ? token.substring(1) : token));
      }
    }
    return new Block(text, names);
  }

  /**
   * A README name documents a property when it is that property, a key inside it, or a group
   * ({@code parsigex.ws.*}) that holds it.
   */
  private static boolean documents(String written, String property) {
    // a list property is written with an index on the command line: x[0] documents x
    String readmeName = written.replaceAll("\\[\\d+]", "");
    if (readmeName.endsWith(".*")) {
      return property.startsWith(readmeName.substring(0, readmeName.length() - 1));
    }
    return readmeName.equals(property) || readmeName.startsWith(property + ".");
  }

  private static List<Block> blocksFor(String property) {
    return BLOCKS.stream()
        .filter(b -> b.names().stream().anyMatch(n -> documents(n, property))).toList();
  }

  /** The block's text with the usual ways of writing a value made uniform. */
  private static String normalized(String text) {
    return text.replace("`", "").replaceAll("(\\d),(\\d{3})", "$1$2")
        .replaceAll("(\\d) (s|ms|MB|KiB|MiB)\\b", "$1$2");
  }

  @Test
  void everyPropertyIsInTheReadme() {
    assertThat(PROPERTIES).containsKeys("parsigex.identity.key-file", "parsigex.p2p.listen",
        "parsigex.ws.max-buffered-messages", "parsigex.plugins.dir");
    List<String> missing = PROPERTIES.keySet().stream()
        .filter(p -> blocksFor(p).isEmpty()).toList();
    assertThat(missing).as("properties the README does not mention").isEmpty();
  }

  @Test
  void everyPropertyTheReadmeNamesExists() {
    List<String> unknown = new ArrayList<>();
    for (Block b : BLOCKS) {
      for (String n : b.names()) {
        if (PROPERTIES.keySet().stream().noneMatch(p -> documents(n, p))) {
          unknown.add(n);
        }
      }
    }
    assertThat(unknown).as("README names that are not properties").isEmpty();
  }

  @Test
  void everyDefaultIsTheOneTheReadmeStates() {
    List<String> wrong = new ArrayList<>();
    PROPERTIES.forEach((property, value) -> {
      if (value == null) {
        return;
      }
      Pattern stated = Pattern.compile("(?<![\\w./])" + Pattern.quote(normalized(value))
          + "(?![\\w/])");
      if (blocksFor(property).stream()
          .noneMatch(b -> stated.matcher(normalized(b.text())).find())) {
        wrong.add(property + " (default " + value + ")");
      }
    });
    assertThat(wrong).as("defaults the README does not state beside the property").isEmpty();
  }

  @Test
  void descriptionsComeFromTheRightParameter() {
    // The processor reads each record component's @param; a prefix of another name must not
    // take that name's text.
    assertThat(DESCRIPTIONS.get("parsigex.protocol.max-inbound-streams"))
        .startsWith("parsigex streams all peers");
    assertThat(DESCRIPTIONS.get("parsigex.protocol.max-inbound-streams-per-peer"))
        .startsWith("parsigex streams one peer");
    DESCRIPTIONS.forEach((p, d) -> assertThat(d).as(p).isNotBlank());
  }
}
