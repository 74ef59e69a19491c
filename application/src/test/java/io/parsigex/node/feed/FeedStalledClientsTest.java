package io.parsigex.node.feed;

import static io.parsigex.node.feed.ClientSessionTest.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.core.instrument.MeterRegistry;
import io.parsigex.api.DutyType;
import io.parsigex.api.PubKey;
import io.parsigex.node.events.ParSigReceivedEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;

/**
 * 100 feed clients, 20 of which never read: the 80 reading ones get every event in order, the 20
 * stalled ones are dropped and counted, and dropping them (and their sockets breaking afterwards)
 * writes rate-limited one-line reasons to the log, never a stack trace.
 */
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "parsigex.mode=demo",
    "parsigex.plugins.dir=target/no-such-plugin-dir", "parsigex.verification.enabled=false",
    "parsigex.demo.signing=false",
    "parsigex.ws.max-buffered-messages=" + FeedStalledClientsTest.BUFFER_MESSAGES,
    "parsigex.ws.send-timeout=2s"})
@Import(FeedLoadTest.SmallSendBuffers.class)
class FeedStalledClientsTest {

  static final int BUFFER_MESSAGES = 1000;
  static final int CLIENTS = 100;
  static final int STALLED = 20;
  static final int TOTAL = 4000;
  static final int BATCH = 50;
  static final Duration DELIVERY_BOUND = Duration.ofSeconds(30);

  @LocalServerPort int port;
  @Autowired ApplicationEventPublisher events;
  @Autowired MeterRegistry meters;
  @Autowired FeedHub hub;

  private double dropped() {
    double n = 0;
    for (DropReason r : DropReason.values()) {
      if (r != DropReason.TOO_MANY_CLIENTS) {
        n += meters.get(FeedHub.DROPPED_METER).tag("reason", r.label()).counter().count();
      }
    }
    return n;
  }

  @Test
  void stalledClientsAreDroppedAndCountedWithoutStackTraces() throws Exception {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    ListAppender<ILoggingEvent> log = new ListAppender<>();
    log.start();
    root.addAppender(log);
    List<FeedLoadTest.OrderCheck> checks = new ArrayList<>();
    List<RawFeedClient> clients = new ArrayList<>();
    double droppedBefore = dropped();
    try {
      for (int i = 0; i < CLIENTS; i++) {
        if (i % (CLIENTS / STALLED) == 0) {
          clients.add(RawFeedClient.stalled(port));
        } else {
          FeedLoadTest.OrderCheck check = new FeedLoadTest.OrderCheck();
          checks.add(check);
          clients.add(RawFeedClient.reading(port, check::accept));
        }
      }
      waitFor(() -> hub.clientCount() == CLIENTS);
      PubKey key = FeedSerializerTest.key(9);
      for (int slot = 0; slot < TOTAL; slot += BATCH) {
        // Pace the publisher by the slowest reading client, so that on a loaded machine a reader
        // is never BUFFER_MESSAGES behind (the stalled ones still overflow: TOTAL is 4 buffers).
        int published = slot;
        long paceDeadline = System.nanoTime() + DELIVERY_BOUND.toNanos();
        while (checks.stream().anyMatch(c -> c.next.get() < published - BUFFER_MESSAGES / 2)
            && System.nanoTime() < paceDeadline) {
          Thread.sleep(5);
        }
        for (int s = slot; s < slot + BATCH; s++) {
          events.publishEvent(new ParSigReceivedEvent(this,
              FeedWebSocketTest.verified("16Uiu2HAmStall", s, DutyType.ATTESTER, key, 1)));
        }
        Thread.sleep(5);
      }
      long deadline = System.nanoTime() + DELIVERY_BOUND.toNanos();
      while ((checks.stream().anyMatch(c -> c.next.get() < TOTAL)
          || dropped() < droppedBefore + STALLED) && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      for (int i = 0; i < checks.size(); i++) {
        assertThat(checks.get(i).error.get()).as("reading client %d order", i).isNull();
        assertThat(checks.get(i).next.get()).as("reading client %d received", i)
            .isEqualTo(TOTAL);
      }
      assertThat(dropped()).as("every stalled client dropped and counted")
          .isEqualTo(droppedBefore + STALLED);
      assertThat(hub.clientCount()).isEqualTo(CLIENTS - STALLED);
    } finally {
      for (RawFeedClient c : clients) {
        c.close(); // the stalled ones' sockets break under the server's pending close
      }
    }
    // Let the server notice the broken sockets, then look at everything that was logged.
    Thread.sleep(1000);
    root.detachAppender(log);
    List<ILoggingEvent> withTrace = log.list.stream()
        .filter(e -> e.getThrowableProxy() != null).toList();
    assertThat(withTrace).as("stack traces in the log: %s", withTrace.stream()
        .map(e -> e.getLoggerName() + ": " + e.getFormattedMessage() + " / "
            + e.getThrowableProxy().getClassName() + ": " + e.getThrowableProxy().getMessage())
        .toList()).isEmpty();
    long dropLines = log.list.stream()
        .filter(e -> e.getLoggerName().startsWith(FeedHub.class.getPackageName())).count();
    assertThat(dropLines).as("drops are logged rate-limited").isBetween(1L, 6L);
  }
}
