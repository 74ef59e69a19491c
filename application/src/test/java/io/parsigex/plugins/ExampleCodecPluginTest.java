package io.parsigex.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.parsigex.api.ChainTiming;
import io.parsigex.api.ClusterShares;
import io.parsigex.api.DecodedPayload;
import io.parsigex.api.DutyType;
import io.parsigex.api.EncodedPayload;
import io.parsigex.api.PayloadEncoding;
import io.parsigex.api.PluginContext;
import io.parsigex.api.SignedData;
import io.parsigex.api.SignedDataCodec;
import io.parsigex.core.extensions.Guarded;
import io.parsigex.core.extensions.GuardedExtensions;
import io.parsigex.core.extensions.NamedExtension;
import io.parsigex.core.extensions.RejectionKind;
import io.parsigex.node.plugins.PluginHost;
import io.parsigex.testsupport.PluginArtifacts;
import io.parsigex.testsupport.TestSeed;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The real example-codec plugin jar: its SignedMessage payload decodes, round-trips and fails safely. */
@ExtendWith(TestSeed.class)
class ExampleCodecPluginTest {

  @TempDir static Path tmp;

  private static PluginHost host;
  private static GuardedExtensions guarded;
  private static NamedExtension<SignedDataCodec> codec;

  private static final String SIG = "0x" + "a1".repeat(96);

  @BeforeAll
  static void load() {
    ChainTiming timing = new ChainTiming(Instant.EPOCH, Duration.ofSeconds(12), 32);
    host = new PluginHost(PluginArtifacts.install(tmp.resolve("plugins"), "example-codec"),
        List.of(), List.of(), id -> new PluginContext(id, ClusterShares.empty(), timing,
            Clock.systemUTC(), Map.of()), false);
    guarded = new GuardedExtensions(List.of(), List.of(), host.codecs(),
        GuardedExtensions.Limits.of(Duration.ofSeconds(5)), new SimpleMeterRegistry());
    codec = guarded.codecFor(DutyType.SIGNATURE).orElseThrow();
  }

  @AfterAll
  static void close() {
    guarded.close();
    host.close();
  }

  private static Guarded<DecodedPayload> decode(byte[] bytes) {
    return guarded.decode(codec, DutyType.SIGNATURE, bytes).join();
  }

  @Test
  void routesTheSignatureDutyToThePluginByPriority() {
    assertThat(codec.pluginId()).isEqualTo("example-codec");
    assertThat(codec.extension().priority()).isGreaterThan(SignedDataCodec.BUILT_IN_PRIORITY);
    assertThat(guarded.codecRouting()).containsOnlyKeys(DutyType.SIGNATURE);
    assertThat(guarded.codecFor(DutyType.ATTESTER)).isEmpty();
  }

  @Test
  void thePayloadDecodesAndRoundTrips() {
    String json = " { \"signature\" : \"" + SIG + "\", \"message\":\"hello \\\"dv\\\" \\u00e9\" } ";
    Guarded<DecodedPayload> decoded = decode(json.getBytes(StandardCharsets.UTF_8));
    assertThat(decoded).isInstanceOf(Guarded.Ok.class);
    DecodedPayload payload = ((Guarded.Ok<DecodedPayload>) decoded).value();
    SignedData data = payload.data();
    assertThat(payload.encoding()).isEqualTo(PayloadEncoding.CUSTOM);
    assertThat(data.typeName()).isEqualTo("SignedMessage");
    assertThat(data.eth2Signing(32)).isEmpty();
    assertThat(data.toCharonJson())
        .isEqualTo("{\"message\":\"hello \\\"dv\\\" é\",\"signature\":\"" + SIG + "\"}");
    Guarded<EncodedPayload> encoded = guarded.encode(codec, DutyType.SIGNATURE, data).join();
    byte[] bytes = ((Guarded.Ok<EncodedPayload>) encoded).value().bytes();
    assertThat(((Guarded.Ok<DecodedPayload>) decode(bytes)).value().data()).isEqualTo(data);
    Guarded<SignedData> parsed = guarded.fromJson(codec, DutyType.SIGNATURE,
        data.toCharonJson()).join();
    assertThat(((Guarded.Ok<SignedData>) parsed).value()).isEqualTo(data);
  }

  @Test
  void malformedPayloadsAreTypedRefusalsNamingTheProblem() {
    Map<String, String> cases = Map.of(
        "{\"message\":\"x\"}", "exactly the fields message and signature",
        "{\"message\":\"x\",\"signature\":\"0x12\"}", "192 hex characters",
        "{\"message\":\"x\",\"signature\":\"" + SIG + "\",}", "at offset",
        "[]", "expected '{' at offset 0",
        "{\"message\":\"x\",\"message\":\"y\"}", "duplicate field",
        "{\"message\":\"" + "m".repeat(2000) + "\",\"signature\":\"" + SIG + "\"}",
        "at most 1024 characters");
    cases.forEach((json, problem) -> {
      Guarded<DecodedPayload> r = decode(json.getBytes(StandardCharsets.UTF_8));
      assertThat(r).as(json).isInstanceOf(Guarded.Rejected.class);
      var rejection = ((Guarded.Rejected<DecodedPayload>) r).rejection();
      assertThat(rejection.kind()).as(json).isEqualTo(RejectionKind.REFUSED);
      assertThat(rejection.reason()).as(json).contains(problem);
    });
    Guarded<DecodedPayload> wrongDuty = guarded.decode(codec, DutyType.ATTESTER,
        "{}".getBytes(StandardCharsets.UTF_8)).join();
    assertThat(((Guarded.Rejected<DecodedPayload>) wrongDuty).rejection().reason())
        .contains("signature duty only");
  }

  @Test
  void randomBytesNeverEscapeAsUncheckedExceptions() {
    long seed = TestSeed.seed("ExampleCodecPluginTest.randomBytesNeverEscapeAsUncheckedExceptions");
    Random random = new Random(seed);
    byte[] valid = ("{\"message\":\"hi\",\"signature\":\"" + SIG + "\"}")
        .getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < 500; i++) {
      byte[] input = random.nextBoolean() ? new byte[random.nextInt(300)] : valid.clone();
      if (input != valid && input.length > 0 && random.nextBoolean()) {
        random.nextBytes(input);
      } else {
        for (int m = 0; m < 1 + random.nextInt(4) && input.length > 0; m++) {
          input[random.nextInt(input.length)] = (byte) random.nextInt(256);
        }
      }
      Guarded<DecodedPayload> r = decode(input);
      if (r instanceof Guarded.Rejected<DecodedPayload> rej) {
        assertThat(rej.rejection().kind()).as("seed %d input %d", seed, i)
            .isEqualTo(RejectionKind.REFUSED);
      }
    }
  }
}
