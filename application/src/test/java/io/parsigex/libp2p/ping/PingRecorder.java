package io.parsigex.libp2p.ping;

import io.parsigex.libp2p.peer.PeerId;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records what a ping service reports, with the time of each report. */
final class PingRecorder implements PingListener {

  /** One report. */
  record Result(PeerId peer, long atNanos, Duration rtt, Throwable failure) {}

  final List<Result> results = new CopyOnWriteArrayList<>();

  @Override
  public void answered(PeerId peer, Duration rtt) {
    results.add(new Result(peer, System.nanoTime(), rtt, null));
  }

  @Override
  public void failed(PeerId peer, Throwable cause) {
    results.add(new Result(peer, System.nanoTime(), null, cause));
  }

  List<Result> answers(PeerId peer) {
    return results.stream().filter(r -> r.peer().equals(peer) && r.failure() == null).toList();
  }

  List<Result> failures(PeerId peer) {
    return results.stream().filter(r -> r.peer().equals(peer) && r.failure() != null).toList();
  }

  void await(java.util.function.BooleanSupplier condition, Duration timeout)
      throws InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean() && System.nanoTime() < end) {
      Thread.sleep(10);
    }
  }
}
