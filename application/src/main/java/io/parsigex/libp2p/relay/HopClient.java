package io.parsigex.libp2p.relay;

import io.netty.buffer.Unpooled;
import io.parsigex.libp2p.host.Connection;
import io.parsigex.libp2p.host.Direction;
import io.parsigex.libp2p.host.Host;
import io.parsigex.libp2p.host.HostStream;
import io.parsigex.libp2p.multiaddr.Multiaddr;
import io.parsigex.libp2p.peer.PeerId;
import io.parsigex.libp2p.yamux.YamuxStream;
import io.parsigex.libp2p.yamux.YamuxStreamHandler;
import io.parsigex.proto.libp2p.CircuitProto;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The client side of {@code /libp2p/circuit/relay/0.2.0/hop}: RESERVE a slot on a relay, or
 * CONNECT to a peer through it. Futures complete on an event loop.
 */
public final class HopClient {

  private final Host host;

  /**
   * Creates a client using {@code host}'s connections.
   *
   * @param host the host
   */
  public HopClient(Host host) {
    this.host = java.util.Objects.requireNonNull(host, "host");
  }

  /**
   * Reserves a slot on the relay (connecting to it if needed).
   *
   * @param relay the relay, whose address the host knows
   * @return the reservation; fails with a {@link RelayException} or a host exception
   */
  public CompletableFuture<Reservation> reserve(PeerId relay) {
    CompletableFuture<Reservation> result = new CompletableFuture<>();
    host.newStream(relay, RelayProtocol.HOP_PROTOCOL_ID).whenComplete((s, e) -> {
      if (e != null) {
        result.completeExceptionally(unwrap(e));
        return;
      }
      exchange(s, RelayMessages.reserve(), new DelimitedReader.Callback() {
        @Override
        public YamuxStreamHandler onMessage(YamuxStream stream, byte[] message) {
          try {
            CircuitProto.HopMessage m = RelayMessages.expectOk(RelayMessages.parseHop(message),
                "the reservation");
            result.complete(RelayMessages.reservation(relay, m));
          } catch (RelayException ex) {
            result.completeExceptionally(ex);
          }
          stream.closeWrite();
          return null;
        }

        @Override
        public void onFailure(YamuxStream stream, RelayException cause) {
          result.completeExceptionally(cause);
        }
      });
    });
    return result;
  }

  /**
   * Opens a relayed connection to {@code target} through the relay named in {@code circuit}, and
   * upgrades it (Noise as initiator, expecting {@code target}; Yamux) into a host connection.
   *
   * @param relayConnection an open connection to the relay
   * @param circuit {@code <relay addr>/p2p/<relay>/p2p-circuit}
   * @param target the peer to reach
   * @return the relayed connection, registered with the host
   */
  public CompletableFuture<Connection> connect(Connection relayConnection, Multiaddr circuit,
      PeerId target) {
    CompletableFuture<Connection> result = new CompletableFuture<>();
    host.newStream(relayConnection, RelayProtocol.HOP_PROTOCOL_ID).whenComplete((s, e) -> {
      if (e != null) {
        result.completeExceptionally(unwrap(e));
        return;
      }
      exchange(s, RelayMessages.connect(target), new DelimitedReader.Callback() {
        @Override
        public YamuxStreamHandler onMessage(YamuxStream stream, byte[] message) {
          try {
            RelayMessages.expectOk(RelayMessages.parseHop(message), "the connection to " + target);
          } catch (RelayException ex) {
            stream.reset();
            result.completeExceptionally(ex);
            return null;
          }
          RelayedChannel channel = new RelayedChannel(stream, circuit);
          host.upgrade(channel, channel.loop(), Direction.OUTBOUND, Optional.of(target))
              .whenComplete((c, err) -> {
                if (err != null) {
                  result.completeExceptionally(unwrap(err));
                } else {
                  result.complete(c);
                }
              });
          return channel;
        }

        @Override
        public void onFailure(YamuxStream stream, RelayException cause) {
          result.completeExceptionally(cause);
        }
      });
    });
    return result;
  }

  private static void exchange(HostStream s, byte[] request, DelimitedReader.Callback callback) {
    DelimitedReader reader = DelimitedReader.of(callback);
    s.write(Unpooled.wrappedBuffer(request));
    s.handler(reader);
    reader.armTimeout(s.yamux(), RelayProtocol.MESSAGE_TIMEOUT);
  }

  static Throwable unwrap(Throwable e) {
    return e instanceof java.util.concurrent.CompletionException && e.getCause() != null
        ? e.getCause() : e;
  }
}
