package io.parsigex.node.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parsigex.core.members.ClusterRoster;
import io.parsigex.core.members.Member;
import io.parsigex.libp2p.crypto.Secp256k1PrivateKey;
import io.parsigex.libp2p.peer.PeerId;
import io.parsigex.node.config.InvalidSettingException;
import io.parsigex.node.config.MetricsProperties;
import io.parsigex.node.metrics.PeerLabels;
import io.parsigex.testsupport.TestSeed;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The operator's peer names ({@code parsigex.metrics.peer-names}): parsed from
 * {@code <peer-id>=<name>} entries, used in {@code peer} labels, and refused with the property
 * named when an entry is malformed, names a peer twice, gives two peers one name, uses a peer id as
 * a name or names a peer that is not a cluster member.
 */
@ExtendWith(TestSeed.class)
class PeerNamesTest {

  private static PeerId peer(Random random) {
    byte[] key = new byte[32];
    random.nextBytes(key);
    key[0] &= 0x7f; // below the group order
    try {
      return PeerId.fromPublicKey(Secp256k1PrivateKey.fromBytes(key).publicKey());
    } catch (io.parsigex.libp2p.crypto.KeyException e) {
      throw new AssertionError(e);
    }
  }

  private static ClusterRoster roster(List<PeerId> peers) {
    List<Member> members = new java.util.ArrayList<>();
    for (int i = 0; i < peers.size(); i++) {
      members.add(new Member(peers.get(i), i + 1,
          List.of()));
    }
    return new ClusterRoster(members, peers.get(0), Map.of());
  }

  @Test
  void namedPeersAreLabelledByNameAndOthersByTheirId() {
    Random random = TestSeed.random("PeerNamesTest.namedPeersAreLabelledByNameAndOthersByTheirId");
    PeerId a = peer(random);
    PeerId b = peer(random);
    PeerId c = peer(random);
    MetricsProperties props = new MetricsProperties(List.of(a + "=happy-floor",
        " " + b + " = calm-river "));
    assertThat(props.names()).containsExactly(Map.entry(a, "happy-floor"),
        Map.entry(b, "calm-river"));
    PeerLabels labels = MetricsConfiguration.peerLabels(roster(List.of(a, b, c)), props);
    assertThat(labels.of(a)).isEqualTo("happy-floor");
    assertThat(labels.of(b.toString())).isEqualTo("calm-river");
    assertThat(labels.of(c)).isEqualTo(c.toString());
    assertThat(MetricsConfiguration.peerLabels(roster(List.of(a, b)),
        MetricsProperties.defaults())).isSameAs(PeerLabels.ids());
  }

  @Test
  void refusesMalformedEntriesWithTheIndexedPropertyNamed() {
    Random random = TestSeed.random("PeerNamesTest.refusesMalformedEntriesWithTheIndexedPropertyNamed");
    PeerId a = peer(random);
    PeerId b = peer(random);
    Map<List<String>, String> bad = Map.of(
        List.of("happy-floor"), "parsigex.metrics.peer-names[0]",
        List.of(a + "=ok", "not-a-peer-id=x"), "parsigex.metrics.peer-names[1]",
        List.of(a + "="), "parsigex.metrics.peer-names[0]",
        List.of(a + "=two words"), "parsigex.metrics.peer-names[0]",
        List.of(a + "=" + "n".repeat(MetricsProperties.MAX_NAME_LENGTH + 1)),
        "parsigex.metrics.peer-names[0]",
        List.of(a + "=x", a + "=y"), "parsigex.metrics.peer-names[1]",
        List.of(a + "=same", b + "=same"), "parsigex.metrics.peer-names[1]",
        List.of(a + "=" + b), "parsigex.metrics.peer-names[0]");
    bad.forEach((entries, property) -> assertThatThrownBy(() -> new MetricsProperties(entries))
        .as(entries.toString()).isInstanceOfSatisfying(InvalidSettingException.class,
            e -> assertThat(e.property()).isEqualTo(property)));
  }

  @Test
  void refusesANameForAPeerOutsideTheCluster() {
    Random random = TestSeed.random("PeerNamesTest.refusesANameForAPeerOutsideTheCluster");
    PeerId a = peer(random);
    PeerId stranger = peer(random);
    MetricsProperties props = new MetricsProperties(List.of(stranger + "=happy-floor"));
    assertThatThrownBy(() -> MetricsConfiguration.peerLabels(roster(List.of(a)), props))
        .isInstanceOfSatisfying(InvalidSettingException.class, e -> {
          assertThat(e.property()).isEqualTo(MetricsProperties.PEER_NAMES);
          assertThat(e.getMessage()).contains(stranger.toString(), "not a member",
              a.toString());
        });
  }

  @Test
  void peerLabelsNeverShareALabel() {
    Random random = TestSeed.random("PeerNamesTest.peerLabelsNeverShareALabel");
    PeerId a = peer(random);
    PeerId b = peer(random);
    assertThatThrownBy(() -> PeerLabels.named(Map.of(a, "x", b, "x")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PeerLabels.named(Map.of(a, b.toString(), b, "y")))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
