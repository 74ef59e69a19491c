package io.parsigex.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.parsigex.cluster.enr.Enr;
import io.parsigex.libp2p.peer.PeerId;
import org.junit.jupiter.api.Test;

/**
 * Charon's peer names. The first two cases are the values Charon's own tests pin
 * ({@code p2p/name_test.go}: {@code TestPeerName} for an ENR, {@code Test} for a peer id); the
 * others were computed by hand from the formula in Charon's {@code p2p/name.go} (a short Python
 * script over Charon's word lists, independent of this class).
 */
class PeerNameTest {

  @Test
  void namesThePeerIdOfCharonsTestAsCharonDoes() throws Exception {
    PeerId id = PeerId.parse("16Uiu2HAmDTemdrDfAgG1DX5q3NmfART3PcTFZe69yrNHdde3Qq3v");
    assertThat(PeerName.of(id)).isEqualTo("different-course");
  }

  @Test
  void namesThePeerOfCharonsTestEnrAsCharonDoes() throws Exception {
    Enr enr = Enr.parse("enr:-JG4QBqxg9KCQ1vnvVagJsg08-qbtOjJ9Mkcm3d-FOX1Z2dqdw6Rp0S5lBRC2Uh4_Hk6Kvy"
        + "ZoRJY5VGlkVb8scEWXaeGAYDhsvrogmlkgnY0gmlwhH8AAAGJc2VjcDI1NmsxoQMsMU_1-8n0xkoOJD9v-DOSjmc8"
        + "FFTXv9xWW8gqbZxlcIN0Y3CCPoODdWRwgj6E");
    assertThat(PeerName.of(enr.peerId())).isEqualTo("happy-floor");
  }

  @Test
  void matchesValuesComputedByHandFromCharonsFormula() {
    // hash 525576559: mod 196 = 11 (angry), mod 144 = 31 (death)
    assertThat(PeerName.of("16Uiu2HAkvBkTjHRRMkzZZDmTUXVmqsCGY8RRoLfYrVRb3EGwAL9B"))
        .isEqualTo("angry-death");
    // hash 181359203: an Ed25519-style id, names any base58 text the same way
    assertThat(PeerName.of("12D3KooWD3eckifWpRn9wQpMG9R9hX3sD158z7EqHWmweQAJU5SA"))
        .isEqualTo("angry-tractor");
    // the empty text hashes to 0: the first words of both lists
    assertThat(PeerName.of("")).isEqualTo("adorable-adult");
  }

  @Test
  void keepsCharonsListsWithTheirLengthsAndOrder() {
    assertThat(PeerName.NOUNS).hasSize(144).startsWith("adult", "age").endsWith("yesterday");
    assertThat(PeerName.ADJECTIVES).hasSize(196).startsWith("adorable");
  }
}
