package io.parsigex.libp2p.host;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.parsigex.libp2p.multistream.MultistreamException;
import io.parsigex.libp2p.multistream.Negotiator;
import io.parsigex.libp2p.yamux.StreamDeadlines;
import io.parsigex.libp2p.yamux.YamuxException;
import io.parsigex.libp2p.yamux.YamuxStream;
import io.parsigex.libp2p.yamux.YamuxStreamHandler;
import java.time.Duration;

/** Runs multistream-select on one Yamux stream, then hands the stream over. */
final class StreamNegotiation implements YamuxStreamHandler {

  /** What happens once the negotiation ends (on the event loop). */
  interface Outcome {
    void negotiated(YamuxStream stream, String protocol, byte[] leftover);

    void failed(YamuxStream stream, Exception cause);
  }

  private final Negotiator negotiator;
  private final Outcome outcome;
  private StreamDeadlines.Deadline timer;
  private boolean finished;

  private StreamNegotiation(Negotiator negotiator, Outcome outcome) {
    this.negotiator = negotiator;
    this.outcome = outcome;
  }

  /** Installs the negotiation on {@code stream} (on its event loop) and starts it. */
  static void start(YamuxStream stream, Negotiator negotiator, Duration timeout,
      Outcome outcome) {
    StreamNegotiation n = new StreamNegotiation(negotiator, outcome);
    stream.session().channel().eventLoop().execute(() -> {
      n.timer = StreamDeadlines.start(stream.session().channel().eventLoop(), timeout,
          () -> n.fail(stream, new MultistreamException.Timeout("protocol negotiation on "
              + stream + " took longer than " + timeout.toMillis() + " ms")));
      stream.write(Unpooled.wrappedBuffer(negotiator.start()));
      stream.handler(n);
    });
  }

  @Override
  public void onData(YamuxStream stream, ByteBuf data) {
    byte[] bytes;
    try {
      bytes = ByteBufUtil.getBytes(data);
    } finally {
      data.release();
    }
    if (finished) {
      return;
    }
    try {
      Negotiator.Step step = negotiator.receive(bytes);
      byte[] out = step.output();
      if (out.length > 0) {
        stream.write(Unpooled.wrappedBuffer(out));
      }
      if (step.done()) {
        finished = true;
        timer.cancel();
        outcome.negotiated(stream, step.protocol().orElseThrow(), step.leftover());
      }
    } catch (MultistreamException e) {
      fail(stream, e);
    }
  }

  @Override
  public void onRemoteClose(YamuxStream stream) {
    fail(stream, new MultistreamException.Closed("peer closed " + stream
        + " before a protocol was agreed"));
  }

  @Override
  public void onReset(YamuxStream stream, YamuxException cause) {
    if (!finished) {
      finished = true;
      timer.cancel();
      outcome.failed(stream, cause);
    }
  }

  private void fail(YamuxStream stream, Exception cause) {
    if (finished) {
      return;
    }
    finished = true;
    timer.cancel();
    outcome.failed(stream, cause);
    stream.reset();
  }
}
