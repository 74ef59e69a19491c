package io.parsigex.node.feed;

import io.parsigex.api.DutyType;
import io.parsigex.api.PubKey;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What one client wants to see. An empty set means "all". A message is filtered out only when it
 * carries the attribute and the attribute does not match: {@code peer} messages always pass, and
 * rejections (which carry no public keys) pass a public-key filter. Immutable.
 *
 * <p>Clients set it by sending {@code {"filter":{"duty_types":["attester"],"pubkeys":["0x…"]}}};
 * {@code {"filter":{}}} clears it.
 *
 * @param dutyTypes duty types to keep; empty for all
 * @param pubkeys {@code 0x} lowercase public keys to keep; empty for all
 */
public record FeedFilter(Set<DutyType> dutyTypes, Set<String> pubkeys) {

  /** The longest filter message a client may send, in bytes. */
  public static final int MAX_FILTER_MESSAGE_BYTES = 64 * 1024;
  /** The most public keys one filter may name. */
  public static final int MAX_PUBKEYS = 512;
  /** A filter that keeps everything. */
  public static final FeedFilter ALL = new FeedFilter(Set.of(), Set.of());

  /** Validates and copies. */
  public FeedFilter {
    dutyTypes = dutyTypes.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(dutyTypes));
    pubkeys = Set.copyOf(pubkeys);
    if (pubkeys.size() > MAX_PUBKEYS) {
      throw new IllegalArgumentException("at most " + MAX_PUBKEYS + " public keys per filter");
    }
    for (String k : pubkeys) {
      if (!PubKey.isCanonicalWireKey(k)) {
        throw new IllegalArgumentException("not a canonical public key: " + k);
      }
    }
  }

  /**
   * Whether the client wants this message.
   *
   * @param m the message
   * @return true to send it
   */
  public boolean accepts(FeedMessage m) {
    if (!dutyTypes.isEmpty() && m.dutyType().isPresent()
        && !dutyTypes.contains(m.dutyType().get())) {
      return false;
    }
    if (!pubkeys.isEmpty() && !m.pubkeys().isEmpty()) {
      for (String k : m.pubkeys()) {
        if (pubkeys.contains(k)) {
          return true;
        }
      }
      return false;
    }
    return true;
  }

  /**
   * Parses a client's filter message.
   *
   * @param text the text frame
   * @param mapper Jackson
   * @return the filter
   * @throws InvalidFilterException naming what was wrong
   */
  public static FeedFilter parse(String text, JsonMapper mapper) throws InvalidFilterException {
    Objects.requireNonNull(mapper, "mapper");
    if (text == null || text.length() > MAX_FILTER_MESSAGE_BYTES) {
      throw new InvalidFilterException("a filter message is a JSON object of at most "
          + MAX_FILTER_MESSAGE_BYTES + " bytes");
    }
    JsonNode root;
    try {
      root = mapper.readTree(text);
    } catch (JacksonException e) {
      throw new InvalidFilterException("the message is not JSON; send "
          + "{\"filter\":{\"duty_types\":[\"attester\"],\"pubkeys\":[\"0x…\"]}}");
    }
    if (root == null || !root.isObject() || !root.path("filter").isObject()) {
      throw new InvalidFilterException("expected an object with a \"filter\" object, e.g. "
          + "{\"filter\":{\"duty_types\":[\"attester\"]}}");
    }
    JsonNode filter = root.get("filter");
    for (Map.Entry<String, JsonNode> field : filter.properties()) {
      if (!field.getKey().equals("duty_types") && !field.getKey().equals("pubkeys")) {
        throw new InvalidFilterException("unknown filter field \"" + field.getKey()
            + "\"; the fields are \"duty_types\" and \"pubkeys\"");
      }
    }
    Set<DutyType> types = EnumSet.noneOf(DutyType.class);
    for (String name : strings(filter, "duty_types", DutyType.values().length)) {
      DutyType t = DutyType.fromCharonName(name).filter(DutyType::isValid)
          .orElseThrow(() -> new InvalidFilterException("unknown duty type \"" + name
              + "\"; use Charon's names such as attester, proposer, randao"));
      types.add(t);
    }
    Set<String> keys = new HashSet<>();
    for (String k : strings(filter, "pubkeys", MAX_PUBKEYS)) {
      try {
        keys.add(PubKey.parseLenient(k).wireKey());
      } catch (IllegalArgumentException e) {
        throw new InvalidFilterException(e.getMessage());
      }
    }
    return new FeedFilter(types, keys);
  }

  private static Set<String> strings(JsonNode filter, String field, int max)
      throws InvalidFilterException {
    JsonNode node = filter.get(field);
    if (node == null || node.isNull()) {
      return Set.of();
    }
    if (!node.isArray() || node.size() > max) {
      throw new InvalidFilterException("\"" + field + "\" must be an array of at most " + max
          + " strings");
    }
    Set<String> out = new HashSet<>();
    for (JsonNode e : node) {
      if (!e.isString()) {
        throw new InvalidFilterException("\"" + field + "\" must contain only strings");
      }
      out.add(e.stringValue());
    }
    return out;
  }
}
