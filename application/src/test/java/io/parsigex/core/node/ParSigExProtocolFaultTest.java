package io.parsigex.core.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.parsigex.api.Duty;
import io.parsigex.api.DutyType;
import io.parsigex.api.ParSignedData;
import io.parsigex.api.ParSignedDataSet;
import io.parsigex.api.PubKey;
import io.parsigex.core.codec.CodecRegistry;
import io.parsigex.core.members.ClusterRoster;
import io.parsigex.core.members.Member;
import io.parsigex.core.protocol.InboundLimits;
import io.parsigex.core.protocol.ParSigExProtocol;
import io.parsigex.core.receive.AllGaters;
import io.parsigex.core.receive.ReceiveListener;
import io.parsigex.core.receive.ReceivePipeline;
import io.parsigex.core.receive.RejectReason;
import io.parsigex.core.receive.Rejection;
import io.parsigex.core.receive.SigningContext;
import io.parsigex.core.receive.VerifiedSet;
import io.parsigex.core.testing.TextData;
import io.parsigex.core.wire.UnsignedVarint;
import io.parsigex.libp2p.crypto.Secp256k1PrivateKey;
import io.parsigex.libp2p.host.ConnectionGater;
import io.parsigex.libp2p.host.ConnectionListener;
import io.parsigex.libp2p.host.Host;
import io.parsigex.libp2p.host.HostConfig;
import io.parsigex.libp2p.host.HostStream;
import io.parsigex.libp2p.multiaddr.Multiaddr;
import io.parsigex.libp2p.peer.PeerId;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Bad input on the wire: a raw cluster member (a bare libp2p host) opens parsigex streams to a
 * node and sends malformed, oversized, truncated, slow and flooding traffic. Each is refused,
 * counted and reported; the node keeps serving a well-behaved member.
 */
class ParSigExProtocolFaultTest {

  private static final int PER_PEER = 4;

  private final List<Object> outcomes = new CopyOnWriteArrayList<>();
  private ParSigExNode node;
  private ParSigExNode good;
  private Host raw;
  private PeerId nodeId;

  @BeforeEach
  void start() throws Exception {
    SecureRandom rnd = new SecureRandom();
    Secp256k1PrivateKey kNode = Secp256k1PrivateKey.generate(rnd);
    Secp256k1PrivateKey kGood = Secp256k1PrivateKey.generate(rnd);
    Secp256k1PrivateKey kRaw = Secp256k1PrivateKey.generate(rnd);
    Multiaddr aNode = loopback();
    Multiaddr aGood = loopback();
    nodeId = PeerId.fromPublicKey(kNode.publicKey());
    List<Member> members = List.of(new Member(nodeId, 1, List.of(aNode)),
        new Member(PeerId.fromPublicKey(kGood.publicKey()), 2, List.of(aGood)),
        new Member(PeerId.fromPublicKey(kRaw.publicKey()), 3, List.of()));
    ReceiveListener l = new ReceiveListener() {
      @Override public void onAccepted(VerifiedSet s) { outcomes.add(s); }
      @Override public void onRejected(Rejection r) { outcomes.add(r); }
    };
    CodecRegistry codecs = CodecRegistry.of(List.of(new TextData.Codec()));
    InboundLimits limits = new InboundLimits(Duration.ofMillis(800), 1 << 20, PER_PEER, 64,
        8L << 20);
    node = ParSigExNode.start(options(kNode, aNode, members, nodeId, codecs, l, limits));
    good = ParSigExNode.start(options(kGood, aGood, members,
        PeerId.fromPublicKey(kGood.publicKey()), codecs, new ReceiveListener() {
          @Override public void onAccepted(VerifiedSet s) {}
          @Override public void onRejected(Rejection r) {}
        }, limits));
    raw = Host.start(HostConfig.of(kRaw, List.of(), ConnectionGater.allowAll()));
    raw.addAddress(aNode.withPeerId(nodeId));
  }

  private static ParSigExNode.Options options(Secp256k1PrivateKey k, Multiaddr a,
      List<Member> members, PeerId self, CodecRegistry codecs, ReceiveListener l,
      InboundLimits limits) {
    return new ParSigExNode.Options(k, List.of(a), new ClusterRoster(members, self, Map.of()),
        codecs, new AllGaters(List.of()), Optional.empty(),
        new SigningContext(32, s -> s.messageRoot()), l, ReceivePipeline.Config.defaults(),
        limits, Duration.ofSeconds(5), new ConnectionListener() {}, UnaryOperator.identity());
  }

  @AfterEach
  void stop() {
    raw.close();
    good.close();
    node.close();
  }

  private HostStream stream() throws Exception {
    return raw.newStream(nodeId, ParSigExProtocol.PROTOCOL_ID).get(10, TimeUnit.SECONDS);
  }

  private Rejection awaitRejection(RejectReason reason) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < end) {
      for (Object o : outcomes) {
        if (o instanceof Rejection r && r.reason() == reason) {
          outcomes.remove(o);
          return r;
        }
      }
      Thread.sleep(10);
    }
    throw new AssertionError("no " + reason + " rejection; got " + outcomes);
  }

  private void goodPeerStillExchanges() throws Exception {
    good.broadcast(new Duty(7, DutyType.RANDAO), ParSignedDataSet.of(PubKey.fromBytes(new byte[48]),
        new ParSignedData(new TextData("fine", new byte[] {1}), 2))).get(10, TimeUnit.SECONDS);
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < end && outcomes.stream().noneMatch(o -> o instanceof VerifiedSet)) {
      Thread.sleep(10);
    }
    assertThat(outcomes).anyMatch(o -> o instanceof VerifiedSet v
        && v.senderPeerId().equals(good.host().peerId().toString()));
  }

  @Test
  void garbageProtobufIsRefusedAsMalformed() throws Exception {
    HostStream s = stream();
    byte[] body = {(byte) 0xff, (byte) 0xff, (byte) 0xff, 0x01};
    s.write(Unpooled.wrappedBuffer(UnsignedVarint.encode(body.length), body));
    Rejection r = awaitRejection(RejectReason.MALFORMED);
    assertThat(r.message()).contains("malformed_protobuf");
    assertThat(r.senderPeerId()).isEqualTo(raw.peerId().toString());
    goodPeerStillExchanges();
  }

  @Test
  void oversizedLengthIsRefusedBeforeAnyBodyArrives() throws Exception {
    HostStream s = stream();
    s.write(Unpooled.wrappedBuffer(UnsignedVarint.encode((1 << 20) + 1)));
    Rejection r = awaitRejection(RejectReason.OVERSIZE);
    assertThat(r.message()).contains("frame_too_large").contains("1048577");
    assertThat(r.reason().fault()).isEqualTo(RejectReason.Fault.PEER);
    goodPeerStillExchanges();
  }

  @Test
  void anUnknownDutyTypeIsRefusedAsUnknownDuty() throws Exception {
    HostStream s = stream();
    // ParSigExMsg{duty{slot: 7, type: 99}, data_set{}}, written by hand
    byte[] body = {0x0a, 0x04, 0x08, 0x07, 0x10, 0x63, 0x12, 0x00};
    s.write(Unpooled.wrappedBuffer(UnsignedVarint.encode(body.length), body));
    Rejection r = awaitRejection(RejectReason.UNKNOWN_DUTY);
    assertThat(r.message()).contains("unknown_duty_type").contains("duty type 99");
    assertThat(r.reason().fault()).isEqualTo(RejectReason.Fault.PEER);
    goodPeerStillExchanges();
  }

  @Test
  void nonMinimalLengthPrefixIsRefused() throws Exception {
    HostStream s = stream();
    s.write(Unpooled.wrappedBuffer(new byte[] {(byte) 0x85, 0x00, 1, 2, 3, 4, 5}));
    assertThat(awaitRejection(RejectReason.MALFORMED).message()).contains("non_minimal_varint");
  }

  @Test
  void aStreamClosedMidMessageIsTruncated() throws Exception {
    HostStream s = stream();
    s.write(Unpooled.wrappedBuffer(UnsignedVarint.encode(100), new byte[10]));
    s.closeWrite();
    assertThat(awaitRejection(RejectReason.MALFORMED).message()).contains("truncated")
        .contains("10 of 100");
  }

  @Test
  void aSlowSenderTimesOut() throws Exception {
    HostStream s = stream();
    s.write(Unpooled.wrappedBuffer(UnsignedVarint.encode(100), new byte[3]));
    assertThat(awaitRejection(RejectReason.TIMEOUT).message()).contains("no complete message");
    goodPeerStillExchanges();
  }

  @Test
  void aFloodingPeerIsCappedAndCountedWhileOthersAreServed() throws Exception {
    List<HostStream> open = new ArrayList<>();
    for (int i = 0; i < PER_PEER + 6; i++) {
      HostStream s = stream();
      s.write(Unpooled.wrappedBuffer(UnsignedVarint.encode(50)));
      open.add(s);
    }
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (System.nanoTime() < end && node.refusedStreams() < 6) {
      Thread.sleep(10);
    }
    assertThat(node.refusedStreams()).isEqualTo(6);
    assertThat(awaitRejection(RejectReason.OVERLOADED).message())
        .contains("stream refused").contains(PER_PEER + " parsigex streams");
    goodPeerStillExchanges();
  }

  @Test
  void aRelayIsAdmittedButItsParsigexStreamsAreRefusedAsUnknownPeer() throws Exception {
    SecureRandom rnd = new SecureRandom();
    Secp256k1PrivateKey kRelay = Secp256k1PrivateKey.generate(rnd);
    Secp256k1PrivateKey kSolo = Secp256k1PrivateKey.generate(rnd);
    PeerId soloId = PeerId.fromPublicKey(kSolo.publicKey());
    Multiaddr aSolo = loopback();
    try (Host relay = Host.start(HostConfig.of(kRelay, List.of(loopback()),
        ConnectionGater.allowAll()))) {
      Multiaddr relayAddr = relay.listenAddresses().get(0).withPeerId(relay.peerId());
      ParSigExNode.Options base = options(kSolo, aSolo, List.of(new Member(soloId, 1,
          List.of(aSolo))), soloId, CodecRegistry.of(List.of(new TextData.Codec())),
          new ReceiveListener() {
            @Override public void onAccepted(VerifiedSet v) { outcomes.add(v); }
            @Override public void onRejected(Rejection r) { outcomes.add(r); }
          }, new InboundLimits(Duration.ofMillis(800), 1 << 20, PER_PEER, 64, 8L << 20));
      try (ParSigExNode solo = ParSigExNode.start(new ParSigExNode.Options(base.identity(),
          base.listen(), base.cluster(), base.codecs(), base.gater(), base.verifier(),
          base.signing(), base.listener(), base.pipeline(), base.inbound(), base.sendTimeout(),
          base.connections(), base.senderDecorator(), List.of(relayAddr)))) {
        relay.addAddress(aSolo.withPeerId(soloId));
        HostStream s = relay.newStream(soloId, ParSigExProtocol.PROTOCOL_ID)
            .get(10, TimeUnit.SECONDS);
        byte[] body = {(byte) 0xff, (byte) 0xff, (byte) 0xff, 0x01};
        s.write(Unpooled.wrappedBuffer(UnsignedVarint.encode(body.length), body));
        Rejection r = awaitRejection(RejectReason.UNKNOWN_PEER);
        assertThat(r.senderPeerId()).isEqualTo(relay.peerId().toString());
        assertThat(r.message()).contains("not a cluster member");
        assertThat(outcomes).noneMatch(o -> o instanceof Rejection x
            && x.reason() == RejectReason.MALFORMED);
      }
    }
  }

  private static Multiaddr loopback() throws Exception {
    return Multiaddr.parse("/ip4/127.0.0.1/tcp/" + io.parsigex.testsupport.FreePorts.loopbackPort());
  }
}
