package io.parsigex.libp2p.relay;

import io.netty.buffer.Unpooled;
import io.parsigex.libp2p.host.Connection;
import io.parsigex.libp2p.host.Direction;
import io.parsigex.libp2p.host.Host;
import io.parsigex.libp2p.host.HostStream;
import io.parsigex.libp2p.host.ProtocolHandler;
import io.parsigex.libp2p.multiaddr.Multiaddr;
import io.parsigex.libp2p.peer.PeerId;
import io.parsigex.libp2p.yamux.YamuxStream;
import io.parsigex.libp2p.yamux.YamuxStreamHandler;
import io.parsigex.proto.libp2p.CircuitProto;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Serves {@code /libp2p/circuit/relay/0.2.0/stop}: a relay we hold a reservation on announces a
 * peer; we answer OK and run the ordinary inbound upgrade (Noise responder, Yamux, gater) over the
 * stream. The peer proven by Noise must be the one the relay announced. Only relays we chose are
 * trusted to open stop streams. Every refused stop stream is logged and counted in the host's
 * {@link io.parsigex.libp2p.host.HostStats#refusedRelayStops()}.
 */
final class StopHandler implements ProtocolHandler {

  private final Host host;
  private final Predicate<PeerId> isRelay;
  private final Consumer<String> log;

  StopHandler(Host host, Predicate<PeerId> isRelay, Consumer<String> log) {
    this.host = host;
    this.isRelay = isRelay;
    this.log = log;
  }

  @Override
  public void onStream(HostStream s) {
    PeerId relay = s.remotePeer();
    if (!isRelay.test(relay)) {
      refuse("refused a relayed connection from " + relay + ": not one of our relays");
      s.reset();
      return;
    }
    Connection relayConnection = s.connection();
    if (relayConnection.isRelayed()) {
      refuse("refused a stop stream over a relayed connection from " + relay);
      s.reset();
      return;
    }
    DelimitedReader reader = DelimitedReader.of(new DelimitedReader.Callback() {
      @Override
      public YamuxStreamHandler onMessage(YamuxStream stream, byte[] message) {
        PeerId initiator;
        try {
          initiator = RelayMessages.stopInitiator(RelayMessages.parseStop(message));
        } catch (RelayException e) {
          refuse("bad stop message from relay " + relay + ": " + e.getMessage());
          stream.write(Unpooled.wrappedBuffer(
              RelayMessages.stopStatus(CircuitProto.Status.MALFORMED_MESSAGE)));
          stream.closeWrite();
          return null;
        }
        if (!host.config().gater().allowSecured(initiator)) {
          refuse("refused a relayed connection from " + initiator + " via " + relay
              + ": not admitted by the connection gater");
          stream.write(Unpooled.wrappedBuffer(
              RelayMessages.stopStatus(CircuitProto.Status.PERMISSION_DENIED)));
          stream.closeWrite();
          return null;
        }
        stream.write(Unpooled.wrappedBuffer(RelayMessages.stopStatus(CircuitProto.Status.OK)));
        Multiaddr circuit = Circuits.via(relayConnection.remoteAddress().withPeerId(relay));
        RelayedChannel channel = new RelayedChannel(stream, circuit);
        host.upgrade(channel, channel.loop(), Direction.INBOUND, Optional.empty())
            .whenComplete((c, e) -> {
              if (e != null) {
                log.accept("relayed connection from " + initiator + " via " + relay
                    + " failed: " + HopClient.unwrap(e).getMessage());
              } else if (!c.remotePeer().equals(initiator)) {
                refuse("relay " + relay + " announced " + initiator + " but " + c.remotePeer()
                    + " answered; closing");
                c.close();
              }
            });
        return channel;
      }

      @Override
      public void onFailure(YamuxStream stream, RelayException cause) {
        refuse("stop stream from relay " + relay + " failed: " + cause.getMessage());
      }
    });
    s.handler(reader);
    reader.armTimeout(s.yamux(), RelayProtocol.MESSAGE_TIMEOUT);
  }

  private void refuse(String why) {
    host.countRefusedRelayStop();
    log.accept(why);
  }
}
