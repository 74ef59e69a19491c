package io.parsigex.core.broadcast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.parsigex.api.Duty;
import io.parsigex.api.DutyType;
import io.parsigex.api.ParSignedData;
import io.parsigex.api.ParSignedDataSet;
import io.parsigex.api.PubKey;
import io.parsigex.core.codec.CodecRegistry;
import io.parsigex.core.extensions.ExtensionCallException;
import io.parsigex.core.receive.AllGaters;
import io.parsigex.core.receive.InboundMessage;
import io.parsigex.core.receive.ReceiveListener;
import io.parsigex.core.receive.ReceivePipeline;
import io.parsigex.core.receive.Rejection;
import io.parsigex.core.receive.SigningContext;
import io.parsigex.core.receive.VerifiedSet;
import io.parsigex.core.testing.BrokenPlugin;
import io.parsigex.core.testing.TextData;
import io.parsigex.core.wire.ParSigExFraming;
import io.parsigex.node.plugins.broken.BrokenCodec;
import io.parsigex.testsupport.SharedTestData;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class BroadcasterTest {

  private static final CodecRegistry CODECS = CodecRegistry.of(List.of(new TextData.Codec()));
  private static final PubKey KEY = PubKey.fromBytes(new byte[48]);

  private static ParSignedDataSet set(int shareIndex) {
    return ParSignedDataSet.of(KEY, new ParSignedData(new TextData("x", new byte[] {1}), shareIndex));
  }

  /** Charon's TestMemEx: each of 3 nodes gets every other node's set exactly once, never its own. */
  @Test
  void memExFanOutMatchesCharonsGolden() throws Exception {
    List<String> peers = List.of("n0", "n1", "n2");
    record Got(int target, int source) {}
    List<Got> got = new CopyOnWriteArrayList<>();
    List<ReceivePipeline> pipelines = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      int target = i;
      pipelines.add(new ReceivePipeline(ReceivePipeline.Config.defaults(), new AllGaters(List.of()),
          CODECS, Optional.empty(), new SigningContext(32, s -> s.messageRoot()),
          new ReceiveListener() {
            @Override public void onAccepted(VerifiedSet s) {
              int source = s.set().entries().get(KEY).shareIndex() - 1;
              assertThat(source).isNotEqualTo(target);
              got.add(new Got(target, source));
            }
            @Override public void onRejected(Rejection r) {
              throw new AssertionError(r.toString());
            }
          }, Clock.systemUTC()));
    }
    PeerSender mem = (peer, topic, frame, deadline) -> {
      try {
        int idx = peers.indexOf(peer);
        pipelines.get(idx).submit(new InboundMessage("sender", 0,
            ParSigExFraming.decodeFrame(ByteBuffer.wrap(frame)), Instant.now()));
        return CompletableFuture.completedFuture(null);
      } catch (Exception e) {
        return CompletableFuture.failedFuture(e);
      }
    };
    for (int i = 0; i < 3; i++) {
      BroadcastResult r = new Broadcaster(CODECS, peers, peers.get(i), mem, Duration.ofSeconds(7))
          .broadcast(new Duty(0, DutyType.RANDAO), set(i + 1)).get(5, TimeUnit.SECONDS);
      assertThat(r.outcomes()).hasSize(2).allMatch(PeerOutcome::isSent);
    }
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (got.size() < 6 && System.nanoTime() < end) {
      Thread.sleep(5);
    }
    pipelines.forEach(ReceivePipeline::close);

    String golden = new String(SharedTestData.read("charon/TestMemEx.golden"), StandardCharsets.UTF_8);
    List<Got> expected = new ArrayList<>();
    Matcher m = Pattern.compile("\"Target\":\\s*(\\d+),\\s*\"Source\":\\s*(\\d+)").matcher(golden);
    while (m.find()) {
      expected.add(new Got(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))));
    }
    assertThat(expected).hasSize(6);
    List<Got> sorted = new ArrayList<>(got);
    sorted.sort(Comparator.comparingInt(Got::source).thenComparingInt(Got::target));
    assertThat(sorted).containsExactlyElementsOf(expected);
  }

  @Test
  void aClusterOfOneCompletesAtOnceSuccessfully() throws Exception {
    PeerSender never = (p, t, f, d) -> { throw new AssertionError("nothing to send to"); };
    CompletableFuture<BroadcastResult> f = new Broadcaster(CODECS, List.of("me"), "me", never,
        Duration.ofSeconds(7)).broadcast(new Duty(1, DutyType.RANDAO), set(1));
    assertThat(f).isDone();
    assertThat(f.get().outcomes()).isEmpty();
    assertThat(f.get().allSent()).isTrue();
  }

  @Test
  void eachPeerGetsItsOwnOutcomeAndNothingPends() throws Exception {
    AtomicInteger resets = new AtomicInteger();
    PeerSender sender = (peer, topic, frame, deadline) -> switch (peer) {
      case "ok" -> CompletableFuture.completedFuture(null);
      case "down" -> CompletableFuture.failedFuture(
          new SendException(SendFailure.DIAL_FAILED, "connection refused", null));
      case "hangs" -> new CompletableFuture<>();
      case "resets-once" -> resets.getAndIncrement() == 0
          ? CompletableFuture.failedFuture(new SendException(SendFailure.RESET, "stream reset", null))
          : CompletableFuture.completedFuture(null);
      case "throws" -> throw new IllegalStateException("transport bug");
      default -> throw new AssertionError(peer);
    };
    List<String> members = List.of("me", "ok", "down", "hangs", "resets-once", "throws");
    long t0 = System.nanoTime();
    BroadcastResult r = new Broadcaster(CODECS, members, "me", sender, Duration.ofMillis(300))
        .broadcast(new Duty(1, DutyType.RANDAO), set(1)).get(5, TimeUnit.SECONDS);
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(2));
    Map<String, PeerOutcome> by = new java.util.HashMap<>();
    r.outcomes().forEach(o -> by.put(o.peerId(), o));
    assertThat(r.outcomes()).extracting(PeerOutcome::peerId)
        .containsExactly("ok", "down", "hangs", "resets-once", "throws");
    assertThat(by.get("ok").isSent()).isTrue();
    assertThat(by.get("down").failure()).contains(SendFailure.DIAL_FAILED);
    assertThat(by.get("down").error()).contains("refused");
    assertThat(by.get("hangs").failure()).contains(SendFailure.TIMEOUT);
    assertThat(by.get("resets-once").isSent()).isTrue();
    assertThat(resets.get()).isEqualTo(2);
    assertThat(by.get("throws").failure()).contains(SendFailure.OTHER);
    assertThat(r.allSent()).isFalse();
  }

  @Test
  void aSecondResetIsReported() throws Exception {
    PeerSender resets = (peer, topic, frame, deadline) -> CompletableFuture.failedFuture(
        new SendException(SendFailure.RESET, "stream reset", null));
    BroadcastResult r = new Broadcaster(CODECS, List.of("me", "p"), "me", resets,
        Duration.ofSeconds(1)).broadcast(new Duty(1, DutyType.RANDAO), set(1))
        .get(5, TimeUnit.SECONDS);
    assertThat(r.outcomes().get(0).failure()).contains(SendFailure.RESET);
  }

  private static final Duration PLUGIN_TIMEOUT = Duration.ofMillis(300);

  /**
   * This node's own set holds a plugin value whose signature() hangs or throws: the broadcast fails
   * within the plugin call timeout with an error naming the plugin, nothing is sent, and the failure
   * is counted against the plugin.
   */
  @Test
  void aPluginValueThatHangsOrThrowsFailsTheBroadcastNamingThePlugin() throws Exception {
    for (String mode : List.of("sig-hangs", "sig-throws")) {
      try (BrokenPlugin plugin = new BrokenPlugin(PLUGIN_TIMEOUT)) {
        AtomicInteger sends = new AtomicInteger();
        PeerSender counting = (peer, topic, frame, deadline) -> {
          sends.incrementAndGet();
          return CompletableFuture.completedFuture(null);
        };
        Broadcaster b = new Broadcaster(plugin.codecs(), List.of("me", "p1", "p2"), "me",
            counting, Duration.ofSeconds(7));
        ParSignedDataSet own = ParSignedDataSet.of(KEY,
            new ParSignedData(new BrokenCodec.BrokenData(mode), 1));
        long t0 = System.nanoTime();
        Throwable thrown = catchThrowable(() -> b.broadcast(new Duty(1, DutyType.SIGNATURE), own));
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).as(mode)
            .isLessThan(Duration.ofMillis(2_000));
        assertThat(thrown).as(mode).isInstanceOf(ExtensionCallException.class);
        ExtensionCallException e = (ExtensionCallException) thrown;
        assertThat(e.pluginFailed()).isTrue();
        assertThat(e.rejection().pluginId()).isEqualTo(BrokenPlugin.ID);
        assertThat(e.getMessage()).contains(BrokenPlugin.ID);
        String kind = mode.equals("sig-hangs") ? "timeout" : "failed";
        assertThat(plugin.failures(kind)).as(mode).isEqualTo(1.0);
        assertThat(sends.get()).as("nothing is sent").isZero();
      }
    }
  }

  @Test
  void aWellBehavedPluginValueIsSentAndBuiltInValuesNeverHopToThePluginWorkers()
      throws Exception {
    try (BrokenPlugin plugin = new BrokenPlugin(PLUGIN_TIMEOUT)) {
      List<byte[]> frames = new CopyOnWriteArrayList<>();
      PeerSender recording = (peer, topic, frame, deadline) -> {
        frames.add(frame);
        return CompletableFuture.completedFuture(null);
      };
      Broadcaster b = new Broadcaster(plugin.codecs(), List.of("me", "p1"), "me", recording,
          Duration.ofSeconds(7));
      assertThat(b.broadcast(new Duty(1, DutyType.RANDAO), set(1)).get(5, TimeUnit.SECONDS)
          .allSent()).isTrue();
      assertThat(plugin.calls()).as("built-in values are read directly").isZero();
      assertThat(b.broadcast(new Duty(1, DutyType.SIGNATURE), ParSignedDataSet.of(KEY,
          new ParSignedData(new BrokenCodec.BrokenData("fine"), 1))).get(5, TimeUnit.SECONDS)
          .allSent()).isTrue();
      assertThat(plugin.calls()).as("one encode and one guarded read").isEqualTo(2.0);
      ByteBuffer frame = ByteBuffer.wrap(frames.get(1));
      assertThat(ParSigExFraming.readLength(frame, ParSigExFraming.MAX_MESSAGE_SIZE)).isPresent();
      var sent = io.parsigex.proto.corepb.ParSigExMsg.parseFrom(frame);
      assertThat(sent.getDataSet().getSetMap().get(KEY.wireKey()).getSignature().toByteArray())
          .as("the signature read through the guard is on the wire").isEqualTo(new byte[96]);
    }
  }
}
