package io.parsigex.core.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.parsigex.api.Duty;
import io.parsigex.api.DutyType;
import io.parsigex.api.ParSignedData;
import io.parsigex.api.ParSignedDataSet;
import io.parsigex.api.PubKey;
import io.parsigex.core.broadcast.BroadcastResult;
import io.parsigex.core.broadcast.PeerOutcome;
import io.parsigex.core.broadcast.SendFailure;
import io.parsigex.core.codec.CodecRegistry;
import io.parsigex.core.members.ClusterRoster;
import io.parsigex.core.members.Member;
import io.parsigex.core.protocol.InboundLimits;
import io.parsigex.core.receive.AllGaters;
import io.parsigex.core.receive.ReceiveListener;
import io.parsigex.core.receive.ReceivePipeline;
import io.parsigex.core.receive.Rejection;
import io.parsigex.core.receive.SigningContext;
import io.parsigex.core.receive.VerifiedSet;
import io.parsigex.core.testing.TextData;
import io.parsigex.libp2p.crypto.Secp256k1PrivateKey;
import io.parsigex.libp2p.host.ConnectionListener;
import io.parsigex.libp2p.multiaddr.Multiaddr;
import io.parsigex.libp2p.peer.PeerId;
import java.io.IOException;
import java.net.ServerSocket;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Real nodes on loopback: TCP, Noise, Yamux and the parsigex protocol between them. */
class ParSigExNodeTest {

  private final List<ParSigExNode> nodes = new ArrayList<>();
  private final List<List<Object>> received = new ArrayList<>();

  @AfterEach
  void stop() {
    nodes.forEach(ParSigExNode::close);
  }

  private void startCluster(int n) throws Exception {
    SecureRandom rnd = new SecureRandom();
    List<Secp256k1PrivateKey> keys = new ArrayList<>();
    List<Member> members = new ArrayList<>();
    List<Multiaddr> listen = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Secp256k1PrivateKey k = Secp256k1PrivateKey.generate(rnd);
      keys.add(k);
      Multiaddr a = Multiaddr.parse("/ip4/127.0.0.1/tcp/" + freePort());
      listen.add(a);
      members.add(new Member(PeerId.fromPublicKey(k.publicKey()), i + 1, List.of(a)));
    }
    CodecRegistry codecs = CodecRegistry.of(List.of(new TextData.Codec()));
    for (int i = 0; i < n; i++) {
      List<Object> got = new CopyOnWriteArrayList<>();
      received.add(got);
      ReceiveListener l = new ReceiveListener() {
        @Override public void onAccepted(VerifiedSet s) { got.add(s); }
        @Override public void onRejected(Rejection r) { got.add(r); }
      };
      ClusterRoster def = new ClusterRoster(members, members.get(i).peerId(), Map.of());
      nodes.add(ParSigExNode.start(new ParSigExNode.Options(keys.get(i), List.of(listen.get(i)),
          def, codecs, new AllGaters(List.of()), Optional.empty(),
          new SigningContext(32, s -> s.messageRoot()), l, ReceivePipeline.Config.defaults(),
          InboundLimits.of(Duration.ofSeconds(5), 64, 1024), Duration.ofSeconds(7),
          new ConnectionListener() {}, UnaryOperator.identity())));
    }
  }

  private static int freePort() throws IOException {
    return io.parsigex.testsupport.FreePorts.loopbackPort();
  }

  private static ParSignedDataSet set(String text, int share) {
    return ParSignedDataSet.of(PubKey.fromBytes(new byte[48]),
        new ParSignedData(new TextData(text, new byte[] {1, 2}), share));
  }

  @Test
  void everyNodeReceivesEveryOtherNodesSetExactlyOnce() throws Exception {
    startCluster(3);
    for (int i = 0; i < 3; i++) {
      BroadcastResult r = nodes.get(i).broadcast(new Duty(10 + i, DutyType.RANDAO),
          set("from" + i, i + 1)).get(15, TimeUnit.SECONDS);
      assertThat(r.outcomes()).hasSize(2).allMatch(PeerOutcome::isSent);
    }
    awaitSizes(2);
    for (int i = 0; i < 3; i++) {
      assertThat(received.get(i)).hasSize(2).allMatch(o -> o instanceof VerifiedSet);
      for (Object o : received.get(i)) {
        VerifiedSet s = (VerifiedSet) o;
        int from = s.set().entries().values().iterator().next().shareIndex() - 1;
        assertThat(from).isNotEqualTo(i);
        assertThat(s.senderPeerId()).isEqualTo(nodes.get(from).host().peerId().toString());
        assertThat(((TextData) s.set().entries().values().iterator().next().data()).text())
            .isEqualTo("from" + from);
        assertThat(s.duty().slot()).isEqualTo(10 + from);
      }
    }
  }

  @Test
  void aStoppedPeerIsReportedFailedWhileOthersStillReceive() throws Exception {
    startCluster(3);
    nodes.get(0).broadcast(new Duty(1, DutyType.RANDAO), set("warmup", 1)).get(15, TimeUnit.SECONDS);
    nodes.get(2).close();
    BroadcastResult r = nodes.get(0).broadcast(new Duty(2, DutyType.RANDAO), set("x", 1))
        .get(20, TimeUnit.SECONDS);
    PeerOutcome toOne = r.outcomes().get(0);
    PeerOutcome toTwo = r.outcomes().get(1);
    assertThat(toOne.isSent()).isTrue();
    assertThat(toTwo.isSent()).isFalse();
    assertThat(toTwo.failure()).hasValueSatisfying(f ->
        assertThat(f).isIn(SendFailure.DIAL_FAILED, SendFailure.CONNECTION_CLOSED,
            SendFailure.RESET));
  }

  private void awaitSizes(int n) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < end && received.stream().anyMatch(l -> l.size() < n)) {
      Thread.sleep(10);
    }
  }
}
