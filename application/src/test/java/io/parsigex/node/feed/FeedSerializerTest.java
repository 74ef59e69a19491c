package io.parsigex.node.feed;

import static org.assertj.core.api.Assertions.assertThat;

import io.parsigex.api.Duty;
import io.parsigex.api.DutyType;
import io.parsigex.api.Eth2Signing;
import io.parsigex.api.ParSignedData;
import io.parsigex.api.ParSignedDataSet;
import io.parsigex.api.PayloadEncoding;
import io.parsigex.api.PubKey;
import io.parsigex.api.SignedData;
import io.parsigex.core.broadcast.BroadcastResult;
import io.parsigex.core.broadcast.PeerOutcome;
import io.parsigex.core.broadcast.SendFailure;
import io.parsigex.core.codec.CodecRegistry;
import io.parsigex.core.receive.RejectReason;
import io.parsigex.core.receive.Rejection;
import io.parsigex.core.receive.VerifiedSet;
import io.parsigex.core.testing.BrokenPlugin;
import io.parsigex.core.testing.TextData;
import io.parsigex.node.plugins.broken.BrokenCodec;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class FeedSerializerTest {

  private static final String PEER = "16Uiu2HAmSender";
  private final JsonMapper mapper = JsonMapper.builder().build();
  private final FeedSerializer serializer = new FeedSerializer(mapper,
      CodecRegistry.of(List.of(new TextData.Codec())));

  static PubKey key(int seed) {
    byte[] b = new byte[PubKey.LENGTH];
    new Random(seed).nextBytes(b);
    return PubKey.fromBytes(b);
  }

  private JsonNode parse(FeedMessage m) {
    return mapper.readTree(m.json());
  }

  @Test
  void receivedHasTheDocumentedShape() throws Exception {
    PubKey k1 = key(1);
    PubKey k2 = key(2);
    byte[] sig = new byte[96];
    sig[0] = (byte) 0xab;
    ParSignedDataSet set = new ParSignedDataSet(Map.of(
        k1, new ParSignedData(new TextData("one", sig), 2),
        k2, new ParSignedData(new TextData("two", sig), 2)));
    VerifiedSet v = new VerifiedSet(PEER, new Duty(-1L, DutyType.RANDAO), set,
        Map.of(k1, PayloadEncoding.JSON, k2, PayloadEncoding.SSZ),
        Instant.parse("2026-11-23T20:00:00.123456Z"), Duration.ofNanos(1_500_000));

    FeedMessage m = serializer.received(v);
    JsonNode j = parse(m);

    assertThat(j.get("type").stringValue()).isEqualTo("received");
    assertThat(j.get("peer_id").stringValue()).isEqualTo(PEER);
    assertThat(j.get("duty").get("slot").isString()).isTrue();
    assertThat(j.get("duty").get("slot").stringValue()).isEqualTo("18446744073709551615");
    assertThat(j.get("duty").get("type").stringValue()).isEqualTo("randao");
    assertThat(j.get("received_at").stringValue()).isEqualTo("2026-11-23T20:00:00.123Z");
    assertThat(j.get("verification_ms").doubleValue()).isEqualTo(1.5);
    JsonNode e1 = j.get("set").get(k1.wireKey());
    assertThat(e1.get("share_idx").intValue()).isEqualTo(2);
    assertThat(e1.get("signature").stringValue()).isEqualTo("0x" + HexFormat.of().formatHex(sig));
    assertThat(e1.get("encoding").stringValue()).isEqualTo("json");
    assertThat(e1.get("data").isObject()).as("data is embedded JSON, not a string").isTrue();
    assertThat(e1.get("data").get("text").stringValue()).isEqualTo("one");
    assertThat(j.get("set").get(k2.wireKey()).get("encoding").stringValue()).isEqualTo("ssz");
    assertThat(m.dutyType()).contains(DutyType.RANDAO);
    assertThat(m.pubkeys()).containsExactlyInAnyOrder(k1.wireKey(), k2.wireKey());
    assertThat(m.bytes()).isEqualTo(m.json().getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
  }

  @Test
  void receivedAtAlwaysHasThreeFractionDigits() throws Exception {
    VerifiedSet v = new VerifiedSet(PEER, new Duty(5, DutyType.ATTESTER),
        ParSignedDataSet.of(key(3), new ParSignedData(new TextData("x", new byte[96]), 1)),
        Map.of(), Instant.parse("2026-01-02T03:04:05Z"), Duration.ZERO);
    JsonNode j = parse(serializer.received(v));
    assertThat(j.get("received_at").stringValue()).isEqualTo("2026-01-02T03:04:05.000Z");
    assertThat(j.get("set").get(key(3).wireKey()).has("encoding")).isFalse();
  }

  @Test
  void aCodecThatProducesBrokenJsonYieldsNullDataAndANoteNotACrash() throws Exception {
    SignedData broken = new SignedData() {
      @Override
      public String typeName() {
        return "Broken";
      }

      @Override
      public byte[] signature() {
        return new byte[96];
      }

      @Override
      public Optional<Eth2Signing> eth2Signing(long slotsPerEpoch) {
        return Optional.empty();
      }

      @Override
      public String toCharonJson() {
        return "{\"unterminated\":";
      }
    };
    VerifiedSet v = new VerifiedSet(PEER, new Duty(1, DutyType.EXIT),
        ParSignedDataSet.of(key(4), new ParSignedData(broken, 1)), Map.of(), Instant.EPOCH,
        Duration.ZERO);
    JsonNode entry = parse(serializer.received(v)).get("set").get(key(4).wireKey());
    assertThat(entry.get("data").isNull()).isTrue();
    assertThat(entry.get("data_error").stringValue()).contains("invalid JSON");
  }

  @Test
  void rejectedCarriesReasonLabelAndNullDutyWhenUnreadable() throws Exception {
    JsonNode withDuty = parse(serializer.rejected(new Rejection(PEER,
        Optional.of(new Duty(7, DutyType.PROPOSER)), RejectReason.INVALID_SIGNATURE,
        "share 2 signature does not verify", Instant.parse("2026-11-23T20:00:01Z"))));
    assertThat(withDuty.get("type").stringValue()).isEqualTo("rejected");
    assertThat(withDuty.get("peer_id").stringValue()).isEqualTo(PEER);
    assertThat(withDuty.get("duty").get("slot").stringValue()).isEqualTo("7");
    assertThat(withDuty.get("duty").get("type").stringValue()).isEqualTo("proposer");
    assertThat(withDuty.get("reason").stringValue()).isEqualTo("invalid_signature");
    assertThat(withDuty.get("fault").stringValue()).isEqualTo("peer");
    assertThat(withDuty.get("message").stringValue()).isEqualTo("share 2 signature does not verify");
    assertThat(withDuty.get("rejected_at").stringValue()).isEqualTo("2026-11-23T20:00:01.000Z");

    FeedMessage m = serializer.rejected(new Rejection(PEER, Optional.empty(),
        RejectReason.MALFORMED, "frame too long", Instant.EPOCH));
    assertThat(parse(m).get("duty").isNull()).isTrue();
    assertThat(m.dutyType()).isEmpty();

    JsonNode nodeFault = parse(serializer.rejected(new Rejection(PEER,
        Optional.of(new Duty(7, DutyType.PROPOSER)), RejectReason.PLUGIN_TIMEOUT,
        "verifier x timed out", Instant.EPOCH)));
    assertThat(nodeFault.get("reason").stringValue()).isEqualTo("plugin_timeout");
    assertThat(nodeFault.get("fault").stringValue()).isEqualTo("node");
  }

  @Test
  void broadcastListsEveryPeerOutcome() throws Exception {
    PubKey k = key(5);
    BroadcastResult b = new BroadcastResult(new Duty(9, DutyType.SYNC_MESSAGE),
        ParSignedDataSet.of(k, new ParSignedData(new TextData("b", new byte[96]), 1)),
        List.of(PeerOutcome.sent("16Uiu2A"),
            PeerOutcome.failed("16Uiu2B", SendFailure.TIMEOUT, "no answer within 7s")));
    JsonNode j = parse(serializer.broadcast(b));
    assertThat(j.get("type").stringValue()).isEqualTo("broadcast");
    assertThat(j.get("duty").get("type").stringValue()).isEqualTo("sync_message");
    assertThat(j.get("set").get(k.wireKey()).get("share_idx").intValue()).isEqualTo(1);
    assertThat(j.get("results")).hasSize(2);
    assertThat(j.get("results").get(0).get("peer_id").stringValue()).isEqualTo("16Uiu2A");
    assertThat(j.get("results").get(0).get("outcome").stringValue()).isEqualTo("sent");
    // the interface leaves open a sent result's error: null, as the REST answer gives it
    assertThat(j.get("results").get(0).get("error").isNull()).isTrue();
    assertThat(j.get("results").get(1).get("outcome").stringValue()).isEqualTo("failed");
    assertThat(j.get("results").get(1).get("error").stringValue()).isEqualTo("no answer within 7s");
    assertThat(j.get("results").get(1).get("failure").stringValue()).isEqualTo("timeout");
  }

  @Test
  void peerMessage() throws Exception {
    FeedMessage m = serializer.peer("16Uiu2\"quoted", false);
    JsonNode j = parse(m);
    assertThat(j.get("type").stringValue()).isEqualTo("peer");
    assertThat(j.get("peer_id").stringValue()).isEqualTo("16Uiu2\"quoted");
    assertThat(j.get("connected").booleanValue()).isFalse();
    assertThat(j.size()).isEqualTo(3);
  }

  private static final Duration PLUGIN_TIMEOUT = Duration.ofMillis(300);

  private static VerifiedSet signatureSet(String mode) {
    return new VerifiedSet(PEER, new Duty(9, DutyType.SIGNATURE),
        ParSignedDataSet.of(key(5), new ParSignedData(new BrokenCodec.BrokenData(mode), 1)),
        Map.of(), Instant.EPOCH, Duration.ZERO);
  }

  /**
   * A plugin value whose toCharonJson() or signature() hangs or throws: serializing its message
   * ends within the plugin call timeout with {@link UnreadableValueException} naming the plugin (the
   * message is skipped), the failure is counted, and the next message serializes normally.
   */
  @Test
  void aPluginValueThatHangsOrThrowsSkipsItsMessageWithinTheCallTimeout() throws Exception {
    Map<String, String> kinds = Map.of("json-hangs", "timeout", "sig-hangs", "timeout",
        "data-throws", "failed", "sig-throws", "failed");
    for (Map.Entry<String, String> mode : kinds.entrySet()) {
      try (BrokenPlugin plugin = new BrokenPlugin(PLUGIN_TIMEOUT)) {
        FeedSerializer guarded = new FeedSerializer(mapper, plugin.codecs());
        long t0 = System.nanoTime();
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(
            () -> guarded.received(signatureSet(mode.getKey())));
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).as(mode.getKey())
            .isLessThan(Duration.ofMillis(2_000));
        assertThat(thrown).as(mode.getKey()).isInstanceOf(UnreadableValueException.class)
            .hasMessageContaining(BrokenPlugin.ID).hasMessageContaining(key(5).toString());
        assertThat(plugin.failures(mode.getValue())).as(mode.getKey()).isEqualTo(1.0);

        BroadcastResult b = new BroadcastResult(new Duty(9, DutyType.SIGNATURE),
            signatureSet(mode.getKey()).set(), List.of(PeerOutcome.sent("p")));
        assertThatThrownByGuarded(() -> guarded.broadcast(b));

        JsonNode fine = parse(guarded.received(signatureSet("fine")));
        assertThat(fine.get("set").get(key(5).wireKey()).get("data").get("mode").stringValue())
            .isEqualTo("fine");
        assertThat(fine.get("set").get(key(5).wireKey()).get("signature").stringValue())
            .isEqualTo("0x" + "00".repeat(96));
      }
    }
  }

  @Test
  void builtInValuesAreReadWithoutHoppingToThePluginWorkers() throws Exception {
    try (BrokenPlugin plugin = new BrokenPlugin(PLUGIN_TIMEOUT)) {
      FeedSerializer guarded = new FeedSerializer(mapper, plugin.codecs());
      VerifiedSet v = new VerifiedSet(PEER, new Duty(5, DutyType.RANDAO),
          ParSignedDataSet.of(key(3), new ParSignedData(new TextData("x", new byte[96]), 1)),
          Map.of(), Instant.EPOCH, Duration.ZERO);
      assertThat(parse(guarded.received(v)).get("set").get(key(3).wireKey()).get("data")
          .get("text").stringValue()).isEqualTo("x");
      assertThat(plugin.calls()).isZero();
    }
  }

  private static void assertThatThrownByGuarded(
      org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
    long t0 = System.nanoTime();
    org.assertj.core.api.Assertions.assertThatThrownBy(call)
        .isInstanceOf(UnreadableValueException.class).hasMessageContaining(BrokenPlugin.ID);
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofMillis(2_000));
  }
}
