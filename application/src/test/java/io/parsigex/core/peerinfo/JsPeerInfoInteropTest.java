package io.parsigex.core.peerinfo;

import static org.assertj.core.api.Assertions.assertThat;

import io.parsigex.core.codec.CodecRegistry;
import io.parsigex.core.members.ClusterRoster;
import io.parsigex.core.members.Member;
import io.parsigex.core.node.ParSigExNode;
import io.parsigex.core.protocol.InboundLimits;
import io.parsigex.core.receive.AllGaters;
import io.parsigex.core.receive.ReceiveListener;
import io.parsigex.core.receive.ReceivePipeline;
import io.parsigex.core.receive.Rejection;
import io.parsigex.core.receive.SigningContext;
import io.parsigex.core.receive.VerifiedSet;
import io.parsigex.libp2p.crypto.Secp256k1PrivateKey;
import io.parsigex.libp2p.host.ConnectionListener;
import io.parsigex.libp2p.multiaddr.Multiaddr;
import io.parsigex.libp2p.peer.PeerId;
import io.parsigex.testsupport.NodeJs;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A cluster of one of our nodes ({@link ParSigExNode}, as the Spring node runs it) and a js-libp2p
 * member that runs {@code /charon/peerinfo/2.0.0} as a Charon node does ({@code peerinfo-peer.mjs}:
 * TCP, Noise, Yamux, identify, the PeerInfo protobuf by hand, Charon's checks in Charon's order).
 * The js member asks our node and finds everything Charon needs to count it healthy: timestamps
 * present, an accepted git hash, the version check skipped for our client type, the same lock
 * hash. Our node asks the js member and keeps its answer.
 */
class JsPeerInfoInteropTest {

  private static final Duration WAIT = Duration.ofSeconds(30);
  /** Any line: the answer ({@code peerinfo ...}) or the error ({@code ask-error ...}). */
  private static final String PEERINFO_OR_ERROR = "";
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private NodeJs.JsProcess js;
  private ParSigExNode node;

  @AfterEach
  void stop() {
    if (node != null) {
      node.close();
    }
    if (js != null) {
      js.close();
    }
  }

  @Test
  void aCharonLikePeerFindsOurNodeHealthyAndWeKeepItsAnswer() throws Exception {
    NodeJs nodeJs = NodeJs.get();
    SecureRandom random = new SecureRandom();
    byte[] lock = new byte[32];
    random.nextBytes(lock);
    String lockHex = HexFormat.of().formatHex(lock);
    Secp256k1PrivateKey ourKey = Secp256k1PrivateKey.generate(random);
    Secp256k1PrivateKey jsKey = Secp256k1PrivateKey.generate(random);
    PeerId ours = PeerId.fromPublicKey(ourKey.publicKey());
    PeerId theirs = PeerId.fromPublicKey(jsKey.publicKey());
    js = nodeJs.start("peerinfo-peer.mjs", HexFormat.of().formatHex(jsKey.bytes()),
        ours.toString(), lockHex, "true");
    js.awaitLine("listening ", WAIT);

    Instant started = Instant.now();
    LocalPeerInfo local = new LocalPeerInfo(LocalPeerInfo.DEFAULT_VERSION,
        LocalPeerInfo.UNKNOWN_GIT_HASH, lockHex, started, true, "jvm-node");
    ClusterRoster cluster = new ClusterRoster(List.of(
        new Member(ours, 1, List.of()), new Member(theirs, 2, List.of())), ours, Map.of());
    node = ParSigExNode.start(new ParSigExNode.Options(ourKey,
        List.of(Multiaddr.parse("/ip4/127.0.0.1/tcp/0")), cluster, CodecRegistry.of(List.of()),
        new AllGaters(List.of()), Optional.empty(), new SigningContext(32, s -> s.messageRoot()),
        new ReceiveListener() {
          @Override public void onAccepted(VerifiedSet s) {}

          @Override public void onRejected(Rejection r) {}
        }, ReceivePipeline.Config.defaults(), InboundLimits.of(Duration.ofSeconds(5), 64, 1024),
        Duration.ofSeconds(7), new ConnectionListener() {}, UnaryOperator.identity()), local);
    js.send("dial " + node.host().listenAddresses().get(0).withPeerId(ours));
    assertThat(js.awaitLine("dial", WAIT)).startsWith("dialed " + ours);

    // the js member asks as Charon's peerinfo does every minute
    js.send("ask " + ours);
    String line = js.awaitLine(PEERINFO_OR_ERROR, WAIT);
    assertThat(line).as("answered %s, problems %s, host %s, protocols %s",
        node.peerInfo().answered(), node.peerInfo().problems(), node.host().stats(),
        node.host().protocols()).startsWith("peerinfo ");
    JsonNode answer = JSON.readTree(line.substring("peerinfo ".length()));
    assertThat(answer.get("trailing_bytes").asInt()).isZero();
    assertThat(answer.get("charon_version").asString()).isEqualTo("v0.1.0");
    assertThat(answer.get("dv_client").asString()).isEqualTo("parsigex-jvm");
    assertThat(answer.get("nickname").asString()).isEqualTo("jvm-node");
    assertThat(answer.get("started_at_ms").asLong()).isEqualTo(started.toEpochMilli());
    JsonNode checks = answer.get("checks");
    assertThat(checks.get("timestamps").asBoolean()).isTrue();
    assertThat(checks.get("git_hash").asBoolean()).isTrue();
    assertThat(checks.get("version_check").asString()).isEqualTo("skipped");
    assertThat(checks.get("lock_hash_match").asBoolean()).isTrue();
    assertThat(checks.get("builder_api_match").asBoolean()).isTrue();
    assertThat(Math.abs(checks.get("clock_offset_ms").asLong()))
        .isLessThan(WAIT.toMillis());
    assertThat(node.peerInfo().answered()).isEqualTo(1);

    // and our node asks the js member, which answers as Charon's handler does
    PeerInfoReport r = node.peerInfo().request(theirs).get(WAIT.toSeconds(), TimeUnit.SECONDS);
    assertThat(r.info().version()).isEqualTo("v1.11.0");
    assertThat(r.info().gitHash()).isEqualTo("abcdef1");
    assertThat(r.info().effectiveDvClient()).isEqualTo("charon");
    assertThat(r.info().nickname()).isEqualTo("js-charon");
    assertThat(r.lockHashMatches()).isTrue();
    assertThat(r.builderApiMatches()).isTrue();
    String answered = js.awaitLine("answer", WAIT);
    assertThat(answered).startsWith("answered " + ours);
    JsonNode request = JSON.readTree(answered.substring(("answered " + ours + " ").length()));
    assertThat(request.get("lock_hash").asString()).isEqualTo(lockHex);
    assertThat(request.get("dv_client").asString()).isEqualTo("parsigex-jvm");
    assertThat(request.get("sent_at_ms").isNull()).isFalse();
  }
}
