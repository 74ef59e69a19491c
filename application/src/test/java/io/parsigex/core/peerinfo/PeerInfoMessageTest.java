package io.parsigex.core.peerinfo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The PeerInfo protobuf as Go's proto.Marshal writes Charon's peerinfopb.v1.PeerInfo. */
class PeerInfoMessageTest {

  private static final String LOCK = "0b".repeat(32);
  private static final Instant SENT = Instant.ofEpochSecond(1764842400, 5);
  private static final Instant STARTED = Instant.ofEpochSecond(1764835200);

  /**
   * Fields in number order, zero scalars left out, set timestamps always written: 1
   * charon_version, 2 lock_hash, 3 sent_at {1 seconds, 2 nanos}, 4 git_hash, 5 started_at, 6
   * builder_api_enabled, 7 nickname, 8 dv_client.
   */
  private static final String GO_BYTES = "0a0776312e31312e30"
      + "1220" + LOCK
      + "1a08" + "08a0b7c5c906" + "1005"
      + "2207616263646566 31".replace(" ", "")
      + "2a06" + "0880ffc4c906"
      + "3001"
      + "3a026f70"
      + "4206636861726f6e";

  @Test
  void encodesFieldByFieldAsGoDoes() {
    PeerInfoMessage m = new PeerInfoMessage("v1.11.0", LOCK, "abcdef1", Optional.of(SENT),
        Optional.of(STARTED), true, "op", "charon");
    assertThat(HexFormat.of().formatHex(m.encode())).isEqualTo(GO_BYTES);
  }

  @Test
  void decodesGoBytesAndTheEmptyMessage() throws Exception {
    PeerInfoMessage m = PeerInfoMessage.decode(HexFormat.of().parseHex(GO_BYTES));
    assertThat(m).isEqualTo(new PeerInfoMessage("v1.11.0", LOCK, "abcdef1", Optional.of(SENT),
        Optional.of(STARTED), true, "op", "charon"));
    PeerInfoMessage empty = PeerInfoMessage.decode(new byte[0]);
    assertThat(empty.sentAt()).isEmpty();
    assertThat(empty.startedAt()).isEmpty();
    assertThat(empty.effectiveDvClient()).isEqualTo("charon");
  }

  @Test
  void keepsAtMostMaxTextOfAPeersField() throws Exception {
    String nick = "n".repeat(10_000);
    byte[] bytes = new PeerInfoMessage("", "", "", Optional.empty(), Optional.empty(), false, nick,
        "").encode();
    assertThat(PeerInfoMessage.decode(bytes).nickname())
        .hasSize(PeerInfoMessage.MAX_TEXT + 1).startsWith("nnn").endsWith("…");
  }

  @Test
  void ourInfoUsesValuesCharonAccepts() {
    PeerInfoMessage m = LocalPeerInfo.defaults().message(Instant.now());
    assertThat(LocalPeerInfo.isAcceptedGitHash(m.gitHash())).isTrue();
    assertThat(m.dvClient()).isEqualTo("parsigex-jvm").isNotEqualTo("charon");
    assertThat(m.sentAt()).isPresent();
    assertThat(m.startedAt()).isPresent();
    assertThat(LocalPeerInfo.isAcceptedGitHash("abcdef1")).isTrue();
    assertThat(LocalPeerInfo.isAcceptedGitHash("ABCDEF1")).isFalse();
    assertThat(LocalPeerInfo.isAcceptedGitHash("abcdef12")).isFalse();
    assertThatThrownBy(() -> new LocalPeerInfo("v0.1.0", "dirty", "", Instant.now(), false, ""))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> LocalPeerInfo.defaults().withLockHash("00"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
