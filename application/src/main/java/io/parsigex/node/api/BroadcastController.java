package io.parsigex.node.api;

import io.parsigex.api.CodecException;
import io.parsigex.api.Duty;
import io.parsigex.api.ParSignedData;
import io.parsigex.api.ParSignedDataSet;
import io.parsigex.api.PubKey;
import io.parsigex.api.SignedData;
import io.parsigex.core.broadcast.BroadcastResult;
import io.parsigex.core.broadcast.PeerOutcome;
import io.parsigex.node.config.ParsigexProperties;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * {@code POST /api/v1/parsigex/broadcast} (bearer token): encodes each payload as Charon would and
 * broadcasts the set; answers once every peer has an outcome.
 */
@RestController
public class BroadcastController {

  /** Most entries accepted in one broadcast request. */
  public static final int MAX_ENTRIES = 10_000;

  private final NodeOperations node;
  private final ObjectMapper json;
  private final byte[] token;

  /**
   * Creates the controller.
   *
   * @param node the running node
   * @param json the JSON mapper
   * @param props the settings ({@code parsigex.api.token})
   */
  public BroadcastController(NodeOperations node, ObjectMapper json, ParsigexProperties props) {
    this.node = node;
    this.json = json;
    String t = props.api().token();
    this.token = t == null || t.isBlank() ? null : t.strip().getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Broadcasts a set.
   *
   * @param authorization {@code Bearer <token>}
   * @param body {@code {"duty":{…},"set":{"0x…":{"share_idx":1,"data":{…}}}}}
   * @return {@code {"results":[{"peer_id","outcome","error"}]}}
   */
  @PostMapping(path = "/api/v1/parsigex/broadcast", consumes = "application/json",
      produces = "application/json")
  public CompletableFuture<Map<String, Object>> broadcast(
      @RequestHeader(name = "Authorization", required = false) String authorization,
      @RequestBody JsonNode body) {
    authorize(authorization);
    Duty duty = RequestJson.duty(RequestJson.field(body, "duty"));
    JsonNode set = RequestJson.field(body, "set");
    if (!set.isObject() || set.isEmpty()) {
      throw ApiException.badRequest("'set' must be a non-empty object keyed by validator pubkey");
    }
    if (set.size() > MAX_ENTRIES) {
      throw ApiException.badRequest("'set' has more than " + MAX_ENTRIES + " entries");
    }
    Map<PubKey, ParSignedData> entries = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : set.properties()) {
      String where = "set[\"" + e.getKey() + "\"]";
      PubKey key;
      try {
        key = PubKey.parseLenient(e.getKey());
      } catch (IllegalArgumentException ex) {
        throw ApiException.badRequest(where + ": " + ex.getMessage());
      }
      JsonNode entry = e.getValue();
      JsonNode idx = RequestJson.field(entry, "share_idx");
      if (!idx.isIntegralNumber() || !idx.canConvertToInt() || idx.asInt() < 1) {
        throw ApiException.badRequest(where + ".share_idx must be an integer from 1 to "
            + Integer.MAX_VALUE);
      }
      SignedData data;
      try {
        data = node.codecs().fromJson(duty.type(), json.writeValueAsString(
            RequestJson.field(entry, "data")));
      } catch (CodecException ex) {
        throw ApiException.codecRefused(where + ".data: ", ex);
      }
      entries.put(key, new ParSignedData(data, idx.asInt()));
    }
    try {
      return node.broadcast(duty, new ParSignedDataSet(entries))
          .thenApply(BroadcastController::results);
    } catch (CodecException e) {
      throw ApiException.codecRefused("cannot encode the set: ", e);
    }
  }

  private static Map<String, Object> results(BroadcastResult r) {
    List<Map<String, Object>> list = new ArrayList<>();
    for (PeerOutcome o : r.outcomes()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("peer_id", o.peerId());
      m.put("outcome", o.outcomeLabel());
      m.put("error", o.isSent() ? null : o.failure().get().label() + ": " + o.error());
      list.add(m);
    }
    return Map.of("results", list);
  }

  private void authorize(String authorization) {
    if (token == null) {
      throw new ApiException(HttpStatus.FORBIDDEN,
          "broadcasting over REST is disabled: set parsigex.api.token to enable it");
    }
    String prefix = "Bearer ";
    if (authorization == null || !authorization.regionMatches(true, 0, prefix, 0, prefix.length())) {
      throw new ApiException(HttpStatus.UNAUTHORIZED, "send 'Authorization: Bearer <token>'");
    }
    byte[] given = authorization.substring(prefix.length()).strip()
        .getBytes(StandardCharsets.UTF_8);
    if (!MessageDigest.isEqual(given, token)) {
      throw new ApiException(HttpStatus.FORBIDDEN, "wrong API token");
    }
  }
}
