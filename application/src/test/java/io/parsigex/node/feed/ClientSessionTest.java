package io.parsigex.node.feed;

import static org.assertj.core.api.Assertions.assertThat;

import io.parsigex.api.DutyType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;
import org.springframework.web.socket.CloseStatus;

class ClientSessionTest {

  private final ExecutorService senders = Executors.newFixedThreadPool(2, r -> {
    Thread t = new Thread(r, "test-sender");
    t.setDaemon(true);
    return t;
  });
  private final List<DropReason> drops = new CopyOnWriteArrayList<>();
  private final AtomicLong clock = new AtomicLong(1_000_000_000L);

  @AfterEach
  void stop() {
    senders.shutdownNow();
  }

  private ClientSession client(ScriptedSession s, int maxMessages, long maxBytes) {
    FeedProperties p = new FeedProperties(maxMessages, DataSize.ofBytes(maxBytes),
        Duration.ofSeconds(5), 2, 10, null);
    return new ClientSession(s, p, senders, (c, r) -> drops.add(r), clock::get);
  }

  private static FeedMessage msg(int i) {
    return FeedMessage.of("received", "{\"type\":\"received\",\"i\":" + i + "}",
        Optional.of(DutyType.ATTESTER), Set.of());
  }

  @Test
  void deliversEverythingInOrderOnASenderThread() throws Exception {
    ScriptedSession s = new ScriptedSession("a");
    ClientSession c = client(s, 10_000, 10_000_000);
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      assertThat(c.offer(msg(i))).isEqualTo(ClientSession.Offer.QUEUED);
      expected.add(msg(i).json());
    }
    waitFor(() -> s.sent.size() == 1000);
    assertThat(s.sent).containsExactlyElementsOf(expected);
    assertThat(s.sendingThreads).allMatch(n -> n.equals("test-sender"));
    assertThat(drops).isEmpty();
    assertThat(c.queuedMessages()).isZero();
    assertThat(c.queuedBytes()).isZero();
  }

  @Test
  void aStalledClientIsDroppedAtItsMessageLimitWithoutBlockingTheCaller() throws Exception {
    ScriptedSession s = new ScriptedSession("slow");
    s.holdWrites();
    ClientSession c = client(s, 50, 10_000_000);
    assertThat(c.offer(msg(0))).isEqualTo(ClientSession.Offer.QUEUED);
    assertThat(s.firstWriteStarted.await(5, TimeUnit.SECONDS)).isTrue(); // message 0 is "on the wire"
    long started = System.nanoTime();
    for (int i = 1; i <= 50; i++) {
      assertThat(c.offer(msg(i))).as("message %d", i).isEqualTo(ClientSession.Offer.QUEUED);
    }
    assertThat(c.queuedMessages()).isEqualTo(50);
    assertThat(c.offer(msg(51))).isEqualTo(ClientSession.Offer.DROPPED);
    assertThat(c.offer(msg(52))).isEqualTo(ClientSession.Offer.CLOSED);
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
    assertThat(drops).containsExactly(DropReason.BUFFER_FULL);
    assertThat(c.queuedMessages()).isZero();
    assertThat(s.closedWith).as("no close while the write is stuck").isNull();

    s.release(); // the stuck write ends (as a send timeout would end it)
    assertThat(s.closed.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(s.closedWith.getCode()).isEqualTo(1013);
    assertThat(s.sent).hasSize(1);
  }

  @Test
  void theByteLimitCountsUtf8Bytes() throws Exception {
    ScriptedSession s = new ScriptedSession("bytes");
    s.holdWrites();
    FeedMessage m = FeedMessage.of("received", "{\"x\":\"é\"}", Optional.empty(), Set.of());
    assertThat(m.bytes()).as("9 characters, é takes 2 bytes").isEqualTo(10);
    ClientSession c = client(s, 1000, 3 * 10);
    c.offer(m);
    assertThat(s.firstWriteStarted.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(c.offer(m)).isEqualTo(ClientSession.Offer.QUEUED);
    assertThat(c.offer(m)).isEqualTo(ClientSession.Offer.QUEUED);
    assertThat(c.offer(m)).isEqualTo(ClientSession.Offer.QUEUED);
    assertThat(c.queuedBytes()).isEqualTo(30);
    assertThat(c.offer(m)).isEqualTo(ClientSession.Offer.DROPPED);
    assertThat(drops).containsExactly(DropReason.BUFFER_FULL);
    s.release();
  }

  @Test
  void aWriteStuckLongerThanTheSendTimeoutDropsTheClientOnTheNextOffer() throws Exception {
    ScriptedSession s = new ScriptedSession("stuck");
    s.holdWrites();
    ClientSession c = client(s, 1000, 10_000_000);
    c.offer(msg(0));
    assertThat(s.firstWriteStarted.await(5, TimeUnit.SECONDS)).isTrue();
    clock.addAndGet(Duration.ofSeconds(4).toNanos());
    assertThat(c.offer(msg(1))).isEqualTo(ClientSession.Offer.QUEUED);
    clock.addAndGet(Duration.ofSeconds(2).toNanos());
    assertThat(c.offer(msg(2))).isEqualTo(ClientSession.Offer.DROPPED);
    assertThat(drops).containsExactly(DropReason.STALLED);
    s.release();
    assertThat(s.closed.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(s.closedWith.getCode()).isEqualTo(CloseStatus.SERVICE_OVERLOAD.getCode());
  }

  @Test
  void aFailedWriteDropsTheClientOnceAndClosesIt() throws Exception {
    ScriptedSession s = new ScriptedSession("broken");
    s.failWrites = true;
    ClientSession c = client(s, 1000, 10_000_000);
    c.offer(msg(0));
    assertThat(s.closed.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(drops).containsExactly(DropReason.SEND_FAILED);
    assertThat(s.closedWith.getCode()).isEqualTo(CloseStatus.SERVER_ERROR.getCode());
    assertThat(c.offer(msg(1))).isEqualTo(ClientSession.Offer.CLOSED);
  }

  @Test
  void theFilterDecidesWhatIsQueuedButControlMessagesAlwaysGo() throws Exception {
    ScriptedSession s = new ScriptedSession("filtered");
    ClientSession c = client(s, 1000, 10_000_000);
    c.filter(new FeedFilter(Set.of(DutyType.PROPOSER), Set.of()));
    assertThat(c.offer(msg(0))).isEqualTo(ClientSession.Offer.FILTERED);
    assertThat(c.enqueue(FeedMessage.control("filter", "{\"type\":\"filter\"}")))
        .isEqualTo(ClientSession.Offer.QUEUED);
    waitFor(() -> s.sent.size() == 1);
    assertThat(s.sent).containsExactly("{\"type\":\"filter\"}");
  }

  @Test
  void connectionClosedForgetsTheQueue() {
    ScriptedSession s = new ScriptedSession("gone");
    s.holdWrites();
    ClientSession c = client(s, 1000, 10_000_000);
    c.offer(msg(0));
    c.offer(msg(1));
    c.connectionClosed();
    assertThat(c.queuedMessages()).isZero();
    assertThat(c.offer(msg(2))).isEqualTo(ClientSession.Offer.CLOSED);
    s.release();
    assertThat(drops).isEmpty();
  }

  static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within 10 s");
      }
      Thread.sleep(5);
    }
  }
}
