package io.parsigex.eth2.charon;

import io.parsigex.eth2.fork.Fork;
import io.parsigex.eth2.ssz.JsonFormatException;
import io.parsigex.eth2.ssz.JsonText;
import tools.jackson.databind.JsonNode;

/** Reading Charon's own JSON wrappers the way Go's {@code encoding/json} reads them. */
final class CharonJson {
  private CharonJson() {}

  static JsonNode object(String type, String json) throws JsonFormatException {
    JsonNode n = JsonText.parse(type, json);
    if (!n.isObject()) {
      throw new JsonFormatException(type, "", "expected an object, got " + JsonText.describe(n));
    }
    return n;
  }

  /** A required wrapper field. */
  static JsonNode required(String type, JsonNode obj, String field) throws JsonFormatException {
    JsonNode v = JsonText.property(obj, field);
    if (v == null || v.isNull()) {
      throw new JsonFormatException(type, field, "is missing");
    }
    return v;
  }

  /**
   * {@code "version"}: a JSON number (Go decodes it into an int; a string such as "deneb" fails).
   * An absent version is Go's zero value, phase0.
   */
  static Fork version(String type, JsonNode obj) throws JsonFormatException {
    JsonNode v = JsonText.property(obj, "version");
    if (v == null || v.isNull()) {
      return Fork.PHASE0;
    }
    if (!v.isIntegralNumber() || !v.canConvertToInt()) {
      throw new JsonFormatException(type, "version", "expected a number "
          + DataVersion.RANGE + ", got " + JsonText.describe(v));
    }
    int n = v.intValue();
    return DataVersion.fork(n).orElseThrow(() -> new JsonFormatException(type, "version",
        DataVersion.unknown(Integer.toString(n))));
  }

  static <T> T inner(String type, String field, JsonReader<T> reader, JsonNode node)
      throws JsonFormatException {
    try {
      return reader.read(node);
    } catch (JsonFormatException e) {
      throw e.within(type, field);
    }
  }

  /** Reads one JSON node. */
  @FunctionalInterface
  interface JsonReader<T> {
    T read(JsonNode node) throws JsonFormatException;
  }
}
