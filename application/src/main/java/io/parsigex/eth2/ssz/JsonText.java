package io.parsigex.eth2.ssz;

import java.math.BigInteger;
import java.util.HexFormat;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON helpers shared by the types: a strict parser with bounded input, and the beacon-API
 * conventions for uints (decimal strings, parsed as unsigned, never through a double) and byte
 * strings ({@code 0x} + hex).
 */
public final class JsonText {
  /** Largest JSON document accepted (a fulu block with blobs is a few MiB of hex). */
  public static final int MAX_JSON_CHARS = 64 * 1024 * 1024;
  /** Deepest nesting accepted. */
  public static final int MAX_NESTING = 64;

  private static final HexFormat HEX = HexFormat.of();
  private static final BigInteger UINT256_MAX = BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE);
  private static final JsonMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
          .streamReadConstraints(StreamReadConstraints.builder()
              .maxStringLength(MAX_JSON_CHARS)
              .maxNestingDepth(MAX_NESTING)
              .maxDocumentLength(MAX_JSON_CHARS)
              .build())
          .build())
      .build();

  private JsonText() {}

  /**
   * Parses JSON text into a tree.
   *
   * @param typeName the type expected, for the error message
   * @param json the text
   * @return the tree
   * @throws JsonFormatException when the text is not one JSON value within the limits
   */
  public static JsonNode parse(String typeName, String json) throws JsonFormatException {
    if (json == null) {
      throw new JsonFormatException(typeName, "", "no JSON given");
    }
    if (json.length() > MAX_JSON_CHARS) {
      throw new JsonFormatException(typeName, "",
          "JSON of " + json.length() + " characters exceeds the limit of " + MAX_JSON_CHARS);
    }
    try {
      JsonNode node = MAPPER.readTree(json);
      if (node == null || node.isMissingNode()) {
        throw new JsonFormatException(typeName, "", "empty JSON document");
      }
      return node;
    } catch (JacksonException e) {
      throw new JsonFormatException(typeName, "", "not valid JSON: " + e.getOriginalMessage());
    }
  }

  /**
   * Looks a property up the way Go's {@code encoding/json} does: the exact key if present,
   * otherwise a key that matches ignoring case.
   *
   * @param object a JSON object
   * @param name the field name
   * @return the value, or null when absent
   */
  public static JsonNode property(JsonNode object, String name) {
    JsonNode v = object.get(name);
    if (v != null) {
      return v;
    }
    for (java.util.Map.Entry<String, JsonNode> e : object.properties()) {
      if (e.getKey().equalsIgnoreCase(name)) {
        return e.getValue();
      }
    }
    return null;
  }

  /**
   * Reads a beacon-API unsigned integer: a JSON string of decimal digits.
   *
   * @param typeName the type, for errors
   * @param node the node
   * @param bits 8, 16, 32 or 64
   * @return the value as an unsigned long
   * @throws JsonFormatException when it is not a quoted decimal in range
   */
  public static long readUint(String typeName, JsonNode node, int bits) throws JsonFormatException {
    BigInteger v = readDecimal(typeName, node);
    if (v.bitLength() > bits) {
      throw new JsonFormatException(typeName, "", "value " + v + " does not fit in uint" + bits);
    }
    return v.longValue();
  }

  static BigInteger readUint256(String typeName, JsonNode node) throws JsonFormatException {
    BigInteger v = readDecimal(typeName, node);
    if (v.compareTo(UINT256_MAX) > 0) {
      throw new JsonFormatException(typeName, "", "value does not fit in uint256");
    }
    return v;
  }

  private static BigInteger readDecimal(String typeName, JsonNode node) throws JsonFormatException {
    if (node == null || !node.isString()) {
      throw new JsonFormatException(typeName, "",
          "expected a decimal number in a string, got " + describe(node));
    }
    String s = node.stringValue();
    if (s.isEmpty() || s.length() > 80) {
      throw new JsonFormatException(typeName, "", "expected decimal digits, got \"" + clip(s) + "\"");
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        throw new JsonFormatException(typeName, "", "expected decimal digits, got \"" + clip(s) + "\"");
      }
    }
    return new BigInteger(s);
  }

  /**
   * Reads a byte string as go-eth2-client does: hex digits of either case after an optional
   * lowercase {@code 0x} ({@code strings.TrimPrefix(s, "0x")}), or after a required one.
   *
   * @param typeName the type, for errors
   * @param node the node
   * @param requirePrefix whether {@code 0x} must be present
   * @return the bytes
   * @throws JsonFormatException when it is not a hex string
   */
  public static byte[] readHex(String typeName, JsonNode node, boolean requirePrefix)
      throws JsonFormatException {
    if (node == null || !node.isString()) {
      throw new JsonFormatException(typeName, "", "expected a 0x-prefixed hex string, got "
          + describe(node));
    }
    String s = node.stringValue();
    boolean prefixed = s.startsWith("0x");
    if (requirePrefix && !prefixed) {
      throw new JsonFormatException(typeName, "", "expected a 0x-prefixed hex string, got \""
          + clip(s) + "\"");
    }
    int from = prefixed ? 2 : 0;
    if (((s.length() - from) & 1) != 0) {
      throw new JsonFormatException(typeName, "", "hex string has an odd number of digits");
    }
    try {
      return HEX.parseHex(s, from, s.length());
    } catch (IllegalArgumentException e) {
      throw new JsonFormatException(typeName, "", "not hex: \"" + clip(s) + "\"");
    }
  }

  /**
   * Writes a JSON string literal (escaping as needed).
   *
   * @param s the string
   * @param sb output
   */
  public static void writeString(String s, StringBuilder sb) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        sb.append('\\').append(c);
      } else if (c < 0x20) {
        sb.append(String.format("\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    sb.append('"');
  }

  /**
   * Writes bytes as a {@code 0x} hex JSON string.
   *
   * @param bytes the bytes
   * @param sb output
   */
  public static void writeHex(byte[] bytes, StringBuilder sb) {
    sb.append("\"0x");
    HEX.formatHex(sb, bytes);
    sb.append('"');
  }

  /**
   * A short description of a node for error messages.
   *
   * @param node the node, possibly null
   * @return for example {@code a number} or {@code nothing}
   */
  public static String describe(JsonNode node) {
    if (node == null || node.isMissingNode()) {
      return "nothing";
    }
    return switch (node.getNodeType()) {
      case STRING -> "the string \"" + clip(node.stringValue()) + "\"";
      case NUMBER -> "the number " + clip(node.toString());
      case BOOLEAN -> "a boolean";
      case NULL -> "null";
      case ARRAY -> "an array";
      case OBJECT -> "an object";
      default -> "a " + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    };
  }

  private static String clip(String s) {
    return s.length() > 40 ? s.substring(0, 40) + "…" : s;
  }
}
