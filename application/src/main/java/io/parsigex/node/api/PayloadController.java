package io.parsigex.node.api;

import io.parsigex.api.CodecException;
import io.parsigex.api.DecodedPayload;
import io.parsigex.api.DutyType;
import io.parsigex.api.EncodedPayload;
import io.parsigex.api.Eth2Signing;
import io.parsigex.api.SignedData;
import io.parsigex.core.extensions.ExtensionCallException;
import io.parsigex.core.extensions.GuardedCodec;
import io.parsigex.eth2.signing.ChainSpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * {@code POST /api/v1/payloads/decode} and {@code /encode}: Charon's payload bytes to JSON and back,
 * with the message root, exactly as the node handles them on the wire.
 *
 * <p>A value a plugin codec produced is plugin code: everything read from it runs guarded, as the
 * receive pipeline runs plugin calls (bounded by the plugin call timeout, failures counted in
 * {@code parsigex_plugin_failures_total}). A payload the plugin refuses answers 400; a plugin that
 * fails (throws, hangs, answers nonsense) answers 502 naming the plugin, 503 when its workers are
 * busy.
 */
@RestController
public class PayloadController {

  /** Largest payload accepted by the decode call (base64 text length). */
  public static final int MAX_BASE64_LENGTH = 48 << 20;

  private final NodeOperations node;
  private final ObjectMapper json;
  private final long slotsPerEpoch;

  /**
   * Creates the controller.
   *
   * @param node the running node
   * @param json the JSON mapper
   * @param chain the chain (its slots per epoch give message-root epochs)
   */
  public PayloadController(NodeOperations node, ObjectMapper json, ChainSpec chain) {
    this.node = node;
    this.json = json;
    this.slotsPerEpoch = chain.slotsPerEpoch();
  }

  /**
   * Decodes a payload.
   *
   * @param body {@code {"duty_type":"attester","data_base64":"…"}}
   * @return encoding, type, data, message root and signature
   */
  @PostMapping(path = "/api/v1/payloads/decode", consumes = "application/json",
      produces = "application/json")
  public Map<String, Object> decode(@RequestBody JsonNode body) {
    DutyType type = RequestJson.dutyType(RequestJson.field(body, "duty_type"), "duty_type");
    JsonNode b64 = RequestJson.field(body, "data_base64");
    if (!b64.isString() || b64.asString().length() > MAX_BASE64_LENGTH) {
      throw ApiException.badRequest("'data_base64' must be a base64 string of at most "
          + MAX_BASE64_LENGTH + " characters");
    }
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(b64.asString().strip());
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("'data_base64' is not base64: " + e.getMessage());
    }
    DecodedPayload p;
    try {
      p = node.codecs().decode(type, bytes);
    } catch (CodecException e) {
      throw ApiException.codecRefused("not a " + type + " payload: ", e);
    }
    SignedData data = p.data();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("encoding", p.encoding().label());
    out.putAll(read(type, () -> {
      Map<String, Object> shown = new LinkedHashMap<>();
      shown.put("type", data.typeName());
      shown.put("data", charonJson(data));
      messageRoot(data).ifPresent(r -> shown.put("message_root", r));
      shown.put("signature", "0x" + HexFormat.of().formatHex(data.signature()));
      return shown;
    }));
    return out;
  }

  /**
   * Encodes a payload as Charon puts it on the wire.
   *
   * @param body {@code {"duty_type":"attester","data":{…Charon JSON…}}}
   * @return encoding, base64 bytes and message root
   */
  @PostMapping(path = "/api/v1/payloads/encode", consumes = "application/json",
      produces = "application/json")
  public Map<String, Object> encode(@RequestBody JsonNode body) {
    DutyType type = RequestJson.dutyType(RequestJson.field(body, "duty_type"), "duty_type");
    JsonNode data = RequestJson.field(body, "data");
    EncodedPayload enc;
    SignedData value;
    try {
      value = node.codecs().fromJson(type, json.writeValueAsString(data));
      enc = node.codecs().encode(type, value);
    } catch (CodecException e) {
      throw ApiException.codecRefused("not a valid " + type + " value: ", e);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("encoding", enc.encoding().label());
    out.put("data_base64", Base64.getEncoder().encodeToString(enc.bytes()));
    read(type, () -> messageRoot(value)).ifPresent(r -> out.put("message_root", r));
    return out;
  }

  /**
   * Reads from a decoded or parsed value: guarded when a plugin codec handles the duty type (the
   * value is the plugin's), directly for the node's built-in values.
   */
  private <R> R read(DutyType type, Supplier<R> read) {
    Optional<GuardedCodec> plugin = node.codecs().codecFor(type)
        .filter(GuardedCodec.class::isInstance).map(GuardedCodec.class::cast);
    if (plugin.isPresent()) {
      try {
        return plugin.get().read(read);
      } catch (ExtensionCallException e) {
        throw ApiException.pluginFailed(e.rejection());
      }
    }
    try {
      return read.get();
    } catch (RuntimeException e) {
      throw ApiException.badRequest("cannot show the " + type + " value: " + e.getMessage());
    }
  }

  private JsonNode charonJson(SignedData data) {
    try {
      return json.readTree(data.toCharonJson());
    } catch (JacksonException e) {
      throw new IllegalArgumentException("toCharonJson() answered invalid JSON: "
          + e.getOriginalMessage(), e);
    }
  }

  private Optional<String> messageRoot(SignedData data) {
    return data.eth2Signing(slotsPerEpoch).map(Eth2Signing::messageRoot)
        .map(r -> "0x" + HexFormat.of().formatHex(r));
  }
}
