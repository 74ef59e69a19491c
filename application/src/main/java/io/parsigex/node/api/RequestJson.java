package io.parsigex.node.api;

import io.parsigex.api.Duty;
import io.parsigex.api.DutyType;
import tools.jackson.databind.JsonNode;

/** Reads the pieces of REST request bodies, each refusal a 400 naming the field. */
final class RequestJson {

  private RequestJson() {}

  static JsonNode field(JsonNode body, String name) {
    if (body == null || !body.isObject()) {
      throw ApiException.badRequest("request body must be a JSON object");
    }
    JsonNode n = body.get(name);
    if (n == null || n.isNull()) {
      throw ApiException.badRequest("'" + name + "' is required");
    }
    return n;
  }

  static DutyType dutyType(JsonNode node, String field) {
    if (!node.isString()) {
      throw ApiException.badRequest("'" + field + "' must be a duty type name such as \"randao\"");
    }
    DutyType t = DutyType.fromCharonName(node.asString()).orElseThrow(() ->
        ApiException.badRequest("'" + field + "': unknown duty type \"" + node.asString() + "\""));
    if (!t.isCarriedByParSigEx()) {
      throw ApiException.badRequest("'" + field + "': duty type " + t
          + " is not exchanged by parsigex");
    }
    return t;
  }

  static long uint64(JsonNode node, String field) {
    String text = node.isString() ? node.asString() : node.isIntegralNumber() ? node.asString() : null;
    if (text == null) {
      throw ApiException.badRequest("'" + field + "' must be a decimal string such as \"123\"");
    }
    try {
      return Long.parseUnsignedLong(text);
    } catch (NumberFormatException e) {
      throw ApiException.badRequest("'" + field + "' is not an unsigned 64-bit decimal: " + text);
    }
  }

  static Duty duty(JsonNode node) {
    if (!node.isObject()) {
      throw ApiException.badRequest("'duty' must be an object {\"slot\":\"…\",\"type\":\"…\"}");
    }
    return new Duty(uint64(field(node, "slot"), "duty.slot"),
        dutyType(field(node, "type"), "duty.type"));
  }
}
