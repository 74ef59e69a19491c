package io.parsigex.node.feed;

import io.parsigex.api.CodecException;
import io.parsigex.api.Duty;
import io.parsigex.api.DutyType;
import io.parsigex.api.ParSignedData;
import io.parsigex.api.ParSignedDataSet;
import io.parsigex.api.PayloadEncoding;
import io.parsigex.api.PubKey;
import io.parsigex.core.broadcast.BroadcastResult;
import io.parsigex.core.broadcast.PeerOutcome;
import io.parsigex.core.codec.CodecRegistry;
import io.parsigex.core.extensions.ExtensionCallException;
import io.parsigex.core.receive.Rejection;
import io.parsigex.core.receive.VerifiedSet;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns node events into the feed's JSON messages (the README's "The live feed" section): uint64 as
 * decimal strings, byte strings as {@code 0x} lowercase hex, times as ISO-8601 UTC with
 * milliseconds, each entry's Charon JSON embedded as JSON. Fields beyond the documented ones are
 * additions ({@code verification_ms}, {@code message}, {@code rejected_at}, {@code failure}).
 */
public final class FeedSerializer {

  /** {@code received_at} and friends: ISO-8601 UTC, always three fraction digits. */
  static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private static final HexFormat HEX = HexFormat.of();
  private static final double NANOS_PER_MILLI = 1_000_000.0;

  private final JsonMapper mapper;
  private final CodecRegistry codecs;

  /**
   * Creates the serializer.
   *
   * @param mapper Jackson's mapper (the application's)
   * @param codecs the node's codecs: a plugin's values are read through its guard, so a value
   *     method that hangs costs the event thread at most the plugin call timeout
   */
  public FeedSerializer(JsonMapper mapper, CodecRegistry codecs) {
    this.mapper = Objects.requireNonNull(mapper, "mapper");
    this.codecs = Objects.requireNonNull(codecs, "codecs");
  }

  /**
   * A {@code received} message.
   *
   * @param v the verified set
   * @return the message
   * @throws UnreadableValueException when a plugin's value failed when read: skip the message
   */
  public FeedMessage received(VerifiedSet v) throws UnreadableValueException {
    ObjectNode root = mapper.createObjectNode();
    root.put("type", "received");
    root.put("peer_id", v.senderPeerId());
    root.set("duty", duty(v.duty()));
    root.set("set", set(v.duty().type(), v.set(), v.encodings()));
    root.put("received_at", time(v.receivedAt()));
    root.put("verification_ms", v.verificationTime().toNanos() / NANOS_PER_MILLI);
    return message("received", root, Optional.of(v.duty()), v.set());
  }

  /**
   * A {@code rejected} message; {@code duty} is null when the message was unreadable.
   *
   * @param r the rejection
   * @return the message
   */
  public FeedMessage rejected(Rejection r) {
    ObjectNode root = mapper.createObjectNode();
    root.put("type", "rejected");
    root.put("peer_id", r.senderPeerId());
    if (r.duty().isPresent()) {
      root.set("duty", duty(r.duty().get()));
    } else {
      root.putNull("duty");
    }
    root.put("reason", r.reason().label());
    root.put("fault", r.reason().fault().label());
    root.put("message", r.message());
    root.put("rejected_at", time(r.at()));
    return FeedMessage.of("rejected", mapper.writeValueAsString(root),
        r.duty().map(Duty::type), Set.of());
  }

  /**
   * A {@code broadcast} message: the set this node sent and one result per peer.
   *
   * @param b the broadcast result
   * @return the message
   * @throws UnreadableValueException when a plugin's value failed when read: skip the message
   */
  public FeedMessage broadcast(BroadcastResult b) throws UnreadableValueException {
    ObjectNode root = mapper.createObjectNode();
    root.put("type", "broadcast");
    root.set("duty", duty(b.duty()));
    root.set("set", set(b.duty().type(), b.set(), Map.of()));
    ArrayNode results = root.putArray("results");
    for (PeerOutcome o : b.outcomes()) {
      ObjectNode r = results.addObject();
      r.put("peer_id", o.peerId());
      r.put("outcome", o.outcomeLabel());
      if (o.isSent()) {
        r.putNull("error"); // as the REST answer: no error is null, never ""
      } else {
        r.put("error", o.error());
      }
      o.failure().ifPresent(f -> r.put("failure", f.label()));
    }
    return message("broadcast", root, Optional.of(b.duty()), b.set());
  }

  /**
   * A {@code peer} message.
   *
   * @param peerId the peer
   * @param connected its new state
   * @return the message
   */
  public FeedMessage peer(String peerId, boolean connected) {
    ObjectNode root = mapper.createObjectNode();
    root.put("type", "peer");
    root.put("peer_id", peerId);
    root.put("connected", connected);
    return FeedMessage.of("peer", mapper.writeValueAsString(root), Optional.empty(), Set.of());
  }

  /**
   * A {@code totals} message: the node's totals, sent first to a client that asked for them
   * ({@code /ws/parsigex?totals=true}); the same shape as {@code totals} in
   * {@code GET /api/v1/dashboard}, with {@code "type":"totals"}.
   *
   * @param totals the snapshot
   * @return the message, never filtered
   */
  FeedMessage totals(FeedTotals.Snapshot totals) {
    ObjectNode root = mapper.createObjectNode();
    root.put("type", "totals");
    root.setAll((ObjectNode) mapper.valueToTree(totals));
    return control(root);
  }

  /**
   * A control message addressed to one client, for example {@code {"type":"error",...}}.
   *
   * @param node the JSON object
   * @return the message
   */
  FeedMessage control(ObjectNode node) {
    return FeedMessage.control(node.path("type").asString("control"),
        mapper.writeValueAsString(node));
  }

  /**
   * A fresh JSON object, for control messages.
   *
   * @return an empty object node
   */
  ObjectNode newObject() {
    return mapper.createObjectNode();
  }

  private FeedMessage message(String type, ObjectNode root, Optional<Duty> duty,
      ParSignedDataSet set) {
    Set<String> keys = set.entries().keySet().stream().map(PubKey::wireKey)
        .collect(java.util.stream.Collectors.toUnmodifiableSet());
    return FeedMessage.of(type, mapper.writeValueAsString(root), duty.map(Duty::type), keys);
  }

  private ObjectNode duty(Duty duty) {
    ObjectNode d = mapper.createObjectNode();
    d.put("slot", duty.slotString());
    d.put("type", duty.type().charonName());
    return d;
  }

  private ObjectNode set(DutyType type, ParSignedDataSet set,
      Map<PubKey, PayloadEncoding> encodings) throws UnreadableValueException {
    ObjectNode s = mapper.createObjectNode();
    for (Map.Entry<PubKey, ParSignedData> e : set.entries().entrySet()) {
      ObjectNode entry = s.putObject(e.getKey().wireKey());
      ParSignedData psd = e.getValue();
      entry.put("share_idx", psd.shareIndex());
      Optional<Shown> shown = shown(type, e.getKey(), psd, entry);
      shown.ifPresent(v -> entry.put("signature", "0x" + HEX.formatHex(v.signature())));
      PayloadEncoding encoding = encodings.get(e.getKey());
      if (encoding != null) {
        entry.put("encoding", encoding.label());
      }
      entry.set("data", shown.map(v -> charonJson(v.json(), entry)).orElse(mapper.nullNode()));
    }
    return s;
  }

  /**
   * Reads what the feed shows of a value in one call: a plugin's value through its guard, a
   * built-in value directly. A plugin failure skips the message; a built-in value that cannot be
   * read (never expected) is shown as null data with a note.
   */
  private Optional<Shown> shown(DutyType type, PubKey key, ParSignedData psd, ObjectNode entry)
      throws UnreadableValueException {
    try {
      return Optional.of(codecs.read(type, psd.data(),
          v -> new Shown(v.signature(), v.toCharonJson())));
    } catch (ExtensionCallException e) {
      throw new UnreadableValueException("the " + type.charonName() + " value for " + key
          + " could not be read: " + e.getMessage());
    } catch (CodecException e) {
      entry.put("data_error", "the codec's value could not be read: " + e.getMessage());
      return Optional.empty();
    }
  }

  /** Parses a payload's Charon JSON so it is embedded as JSON; a broken one becomes null + a note. */
  private JsonNode charonJson(String json, ObjectNode entry) {
    try {
      JsonNode node = mapper.readTree(json);
      if (node != null && !node.isMissingNode()) {
        return node;
      }
      entry.put("data_error", "the codec produced no JSON for this payload");
    } catch (RuntimeException e) { // JacksonException
      entry.put("data_error", "the codec produced invalid JSON for this payload: "
          + e.getClass().getSimpleName());
    }
    return mapper.nullNode();
  }

  /** What the feed shows of one value. */
  private record Shown(byte[] signature, String json) {
    Shown {
      Objects.requireNonNull(signature, "signature() answered null");
      Objects.requireNonNull(json, "toCharonJson() answered null");
    }
  }

  private static String time(Instant at) {
    return TIME.format(at.truncatedTo(ChronoUnit.MILLIS));
  }
}
