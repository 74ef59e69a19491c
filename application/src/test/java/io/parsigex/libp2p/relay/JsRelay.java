package io.parsigex.libp2p.relay;

import io.parsigex.libp2p.crypto.Secp256k1PrivateKey;
import io.parsigex.libp2p.multiaddr.Multiaddr;
import io.parsigex.libp2p.peer.PeerId;
import io.parsigex.testsupport.NodeJs;
import java.time.Duration;
import java.util.HexFormat;

/** A js-libp2p circuit relay v2 server ({@code relay-server.mjs}) on loopback. */
public final class JsRelay implements AutoCloseable {

  private final NodeJs.JsProcess process;
  public final PeerId peerId;
  public final Multiaddr address;

  /**
   * Starts a relay.
   *
   * @param key its identity
   * @param port TCP port, 0 for any
   * @param ttl reservation lifetime
   * @param durationLimit relayed connection lifetime, null for the default
   * @param dataLimit relayed bytes per direction, 0 for the default
   */
  public JsRelay(Secp256k1PrivateKey key, int port, Duration ttl, Duration durationLimit, long dataLimit)
      throws Exception {
    process = NodeJs.get().start("relay-server.mjs", HexFormat.of().formatHex(key.bytes()),
        Integer.toString(port), Long.toString(ttl.toMillis()),
        Long.toString(durationLimit == null ? 0 : durationLimit.toMillis()),
        Long.toString(dataLimit));
    String[] l = process.awaitLine("listening ", Duration.ofSeconds(60)).split(" ");
    address = Multiaddr.parse(l[1]).withPeerId(PeerId.parse(l[2]));
    peerId = PeerId.parse(l[2]);
  }

  /** The port it listens on. */
  public int port() {
    return address.tcpEndpoint().orElseThrow().getPort();
  }

  @Override
  public void close() {
    process.close();
  }
}
