package io.parsigex.core.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.parsigex.api.Duty;
import io.parsigex.api.DutyType;
import io.parsigex.api.ParSignedData;
import io.parsigex.api.ParSignedDataSet;
import io.parsigex.api.PubKey;
import io.parsigex.core.broadcast.BroadcastResult;
import io.parsigex.core.broadcast.PeerOutcome;
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
import io.parsigex.libp2p.host.Connection;
import io.parsigex.libp2p.host.ConnectionListener;
import io.parsigex.libp2p.multiaddr.Multiaddr;
import io.parsigex.libp2p.peer.PeerId;
import io.parsigex.libp2p.relay.JsRelay;
import io.parsigex.libp2p.relay.RelayRouter;
import io.parsigex.libp2p.relay.RelayState;
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

/**
 * A cluster whose members know no address of each other (like ENRs in a Charon lock) exchanges
 * parsigex sets through js-libp2p's circuit relay v2 server, every member to every other.
 */
class RelayedClusterTest {

  private static final Duration WAIT = Duration.ofSeconds(30);
  private final List<ParSigExNode> nodes = new ArrayList<>();
  private final List<List<Object>> received = new ArrayList<>();

  @AfterEach
  void stop() {
    nodes.forEach(ParSigExNode::close);
  }

  @Test
  void membersWithoutDirectAddressesExchangeThroughTheRelay() throws Exception {
    SecureRandom rnd = new SecureRandom();
    Secp256k1PrivateKey relayKey = Secp256k1PrivateKey.generate(rnd);
    try (JsRelay relay = new JsRelay(relayKey, 0, Duration.ofMinutes(10), null, 0)) {
      int n = 3;
      List<Secp256k1PrivateKey> keys = new ArrayList<>();
      List<Member> members = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        Secp256k1PrivateKey k = Secp256k1PrivateKey.generate(rnd);
        keys.add(k);
        members.add(new Member(PeerId.fromPublicKey(k.publicKey()), i + 1, List.of()));
      }
      CodecRegistry codecs = CodecRegistry.of(List.of(new TextData.Codec()));
      for (int i = 0; i < n; i++) {
        List<Object> got = new CopyOnWriteArrayList<>();
        received.add(got);
        ReceiveListener l = new ReceiveListener() {
          @Override public void onAccepted(VerifiedSet s) {
            got.add(s);
          }

          @Override public void onRejected(Rejection r) {
            got.add(r);
          }
        };
        ClusterRoster roster = new ClusterRoster(members, members.get(i).peerId(), Map.of());
        nodes.add(ParSigExNode.start(new ParSigExNode.Options(keys.get(i),
            List.of(Multiaddr.parse("/ip4/127.0.0.1/tcp/0")), roster, codecs,
            new AllGaters(List.of()), Optional.empty(), new SigningContext(32, s -> s.messageRoot()),
            l, ReceivePipeline.Config.defaults(), InboundLimits.of(Duration.ofSeconds(5), 64, 1024),
            Duration.ofSeconds(7), new ConnectionListener() {}, UnaryOperator.identity(),
            List.of(relay.address))));
      }
      await("every member connected to every other through the relay", () -> {
        for (ParSigExNode a : nodes) {
          for (Member m : a.cluster().others()) {
            if (!a.isConnected(m.peerId())) {
              return false;
            }
          }
        }
        return true;
      });
      for (ParSigExNode a : nodes) {
        assertThat(a.relayStates()).singleElement().matches(RelayState::reserved);
        for (Member m : a.cluster().others()) {
          Connection c = a.host().openConnection(m.peerId()).orElseThrow();
          assertThat(c.isRelayed()).isTrue();
          // Charon's rule: the smaller peer id dialled
          assertThat(c.direction() == io.parsigex.libp2p.host.Direction.OUTBOUND)
              .isEqualTo(RelayRouter.shouldDial(a.host().peerId(), m.peerId()));
        }
        assertThat(a.relayedConnections()).containsEntry(relay.peerId, n - 1);
      }
      for (int i = 0; i < n; i++) {
        ParSignedDataSet set = ParSignedDataSet.of(PubKey.fromBytes(new byte[48]),
            new ParSignedData(new TextData("from" + i, new byte[] {1, 2}), i + 1));
        BroadcastResult r = nodes.get(i).broadcast(new Duty(10 + i, DutyType.RANDAO), set)
            .get(20, TimeUnit.SECONDS);
        assertThat(r.outcomes()).hasSize(n - 1).allMatch(PeerOutcome::isSent);
      }
      await("every set received", () -> received.stream().allMatch(l -> l.size() == n - 1));
      for (int i = 0; i < n; i++) {
        for (Object o : received.get(i)) {
          assertThat(o).isInstanceOf(VerifiedSet.class);
          VerifiedSet s = (VerifiedSet) o;
          int from = s.set().entries().values().iterator().next().shareIndex() - 1;
          assertThat(from).isNotEqualTo(i);
          assertThat(s.senderPeerId()).isEqualTo(nodes.get(from).host().peerId().toString());
          assertThat(((TextData) s.set().entries().values().iterator().next().data()).text())
              .isEqualTo("from" + from);
        }
      }
    }
  }

  private static void await(String what, java.util.function.BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting until " + what);
      }
      Thread.sleep(20);
    }
  }
}
