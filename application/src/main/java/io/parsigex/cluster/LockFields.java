package io.parsigex.cluster;

import io.parsigex.api.PubKey;
import io.parsigex.eth2.ssz.Bytes;
import java.util.Base64;
import java.util.HexFormat;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Typed access to the fields of one lock version's JSON, Go-style (a missing field is its zero
 * value); every fault is a {@link ClusterException.InvalidField} naming the JSON path and version.
 */
final class LockFields {

  private static final HexFormat HEX = HexFormat.of();

  final LockVersion version;

  LockFields(LockVersion version) {
    this.version = version;
  }

  ClusterException.InvalidField invalid(String path, String problem) {
    return new ClusterException.InvalidField(path, version.text(), problem, null);
  }

  JsonNode object(JsonNode node, String path) throws ClusterException {
    if (node == null || !node.isObject()) {
      throw invalid(path, "must be a JSON object");
    }
    return node;
  }

  JsonNode objectOrEmpty(JsonNode parent, String name, String path) throws ClusterException {
    JsonNode n = parent.get(name);
    if (n == null || n.isNull()) {
      return JsonNodeFactory.instance.objectNode();
    }
    return object(n, path);
  }

  JsonNode array(JsonNode parent, String name, String path, int max) throws ClusterException {
    JsonNode n = parent.get(name);
    if (n == null || n.isNull()) {
      return JsonNodeFactory.instance.arrayNode();
    }
    if (!n.isArray()) {
      throw invalid(path, "must be a JSON array");
    }
    if (n.size() > max) {
      throw invalid(path, "has " + n.size() + " entries, above the limit of " + max);
    }
    return n;
  }

  String string(JsonNode parent, String name, String path) throws ClusterException {
    JsonNode n = parent.get(name);
    if (n == null || n.isNull()) {
      return "";
    }
    if (!n.isString()) {
      throw invalid(path, "must be a string");
    }
    return n.stringValue();
  }

  boolean bool(JsonNode parent, String name, String path) throws ClusterException {
    JsonNode n = parent.get(name);
    if (n == null || n.isNull()) {
      return false;
    }
    if (!n.isBoolean()) {
      throw invalid(path, "must be true or false");
    }
    return n.booleanValue();
  }

  long uint(JsonNode parent, String name, String path) throws ClusterException {
    JsonNode n = parent.get(name);
    if (n == null || n.isNull()) {
      return 0;
    }
    if (!n.isIntegralNumber() || !n.canConvertToLong() || n.longValue() < 0) {
      throw invalid(path, "must be a non-negative integer");
    }
    return n.longValue();
  }

  long uintValue(JsonNode n, String path) throws ClusterException {
    if (n.isString()) {
      try {
        return Long.parseUnsignedLong(n.stringValue());
      } catch (NumberFormatException e) {
        throw invalid(path, "must be an unsigned decimal integer, got '" + n.stringValue() + "'");
      }
    }
    if (!n.isIntegralNumber() || !n.canConvertToLong() || n.longValue() < 0) {
      throw invalid(path, "must be a non-negative integer");
    }
    return n.longValue();
  }

  long intOrString(JsonNode parent, String name, String path) throws ClusterException {
    JsonNode n = parent.get(name);
    if (n == null || n.isNull()) {
      return 0;
    }
    if (n.isString()) {
      try {
        return Long.parseLong(n.stringValue());
      } catch (NumberFormatException e) {
        throw invalid(path, "must be a decimal integer, got '" + n.stringValue() + "'");
      }
    }
    if (!n.isIntegralNumber() || !n.canConvertToLong()) {
      throw invalid(path, "must be an integer");
    }
    return n.longValue();
  }

  /** A byte field in this version's encoding: base64 before v1.2, 0x-hex after. */
  Bytes bytes(JsonNode parent, String name, String path) throws ClusterException {
    JsonNode n = parent.get(name);
    if (n == null || n.isNull()) {
      return Bytes.EMPTY;
    }
    return bytesValue(n, path);
  }

  Bytes bytesValue(JsonNode n, String path) throws ClusterException {
    if (!n.isString()) {
      throw invalid(path, "must be a string");
    }
    if (version.before(LockVersion.V1_2)) {
      try {
        return Bytes.of(Base64.getDecoder().decode(n.stringValue()));
      } catch (IllegalArgumentException e) {
        throw invalid(path, "must be base64 in lock version " + version + ": " + e.getMessage());
      }
    }
    return hexString(n.stringValue(), path);
  }

  /** A field that is 0x-hex in every version. */
  Bytes hexBytes(JsonNode parent, String name, String path) throws ClusterException {
    return hexString(string(parent, name, path), path);
  }

  Bytes hexString(String text, String path) throws ClusterException {
    String t = text.startsWith("0x") ? text.substring(2) : text;
    if (t.length() % 2 != 0) {
      throw invalid(path, "must be hex with an even number of digits, got " + t.length());
    }
    try {
      return Bytes.of(HEX.parseHex(t));
    } catch (IllegalArgumentException e) {
      throw invalid(path, "must be 0x-prefixed hex: " + e.getMessage());
    }
  }

  PubKey pubKey(Bytes b, String path) throws ClusterException {
    if (b.length() != PubKey.LENGTH) {
      throw invalid(path, "must be a " + PubKey.LENGTH + "-byte BLS public key, got "
          + b.length() + " bytes");
    }
    return PubKey.fromBytes(b.toArray());
  }
}
