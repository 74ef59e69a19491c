package io.parsigex.libp2p.host;

import io.parsigex.libp2p.multistream.Negotiator;
import io.parsigex.libp2p.yamux.YamuxStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Opens outbound streams: a Yamux stream on the connection, then multistream select of the one
 * protocol we propose, waiting for the peer's echo before the stream is handed out (so a refusal
 * is a typed {@link HostException.NegotiationFailed}, before any payload was sent).
 */
final class StreamOpener {

  private final Duration negotiationTimeout;
  private final StreamTraffic traffic;

  StreamOpener(Duration negotiationTimeout, StreamTraffic traffic) {
    this.negotiationTimeout = negotiationTimeout;
    this.traffic = traffic;
  }

  CompletableFuture<HostStream> open(Connection connection, String protocolId) {
    Negotiator negotiator = Negotiator.dialer(List.of(protocolId));
    CompletableFuture<HostStream> result = new CompletableFuture<>();
    connection.session().openStream().addListener(f -> {
      if (!f.isSuccess()) {
        result.completeExceptionally(new HostException.Closed("cannot open a stream to "
            + connection.remotePeer() + ": " + f.cause().getMessage(), f.cause()));
        return;
      }
      YamuxStream stream = (YamuxStream) f.getNow();
      StreamNegotiation.start(stream, negotiator, negotiationTimeout,
          new StreamNegotiation.Outcome() {
            @Override
            public void negotiated(YamuxStream s, String protocol, byte[] leftover) {
              result.complete(new HostStream(connection, protocol, s, leftover,
                  traffic.of(connection.remotePeer(), protocol)));
            }

            @Override
            public void failed(YamuxStream s, Exception cause) {
              result.completeExceptionally(new HostException.NegotiationFailed("negotiating "
                  + protocolId + " with " + connection.remotePeer() + " failed: "
                  + cause.getMessage(), cause));
            }
          });
    });
    return result;
  }
}
