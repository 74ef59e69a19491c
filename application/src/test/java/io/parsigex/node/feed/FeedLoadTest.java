package io.parsigex.node.feed;

import static io.parsigex.node.feed.ClientSessionTest.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.parsigex.api.DutyType;
import io.parsigex.api.PubKey;
import io.parsigex.node.events.ParSigReceivedEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * 100 feed clients while 2,000 sets per second flow for a few seconds, plus one client that never
 * reads: every reading client gets every message in order; the stalled one is dropped when its
 * buffer limit is reached, and nobody waits for it.
 */
// A context of its own, closed after the class: a cached one (a demo cluster, relay resolver) would
// keep running beside later tests.
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "parsigex.mode=demo", "parsigex.plugins.dir=target/no-such-plugin-dir", "parsigex.verification.enabled=false", "parsigex.demo.signing=false",
    "parsigex.ws.max-buffered-messages=" + FeedLoadTest.BUFFER_MESSAGES,
    "parsigex.ws.send-timeout=30s"})
@Import(FeedLoadTest.SmallSendBuffers.class)
class FeedLoadTest {

  static final int BUFFER_MESSAGES = 4000;
  static final int CLIENTS = 100;
  static final int RATE_PER_SECOND = 2000;
  static final int SECONDS = 4;
  static final int TOTAL = RATE_PER_SECOND * SECONDS;
  static final int BATCH = 20;
  static final Duration DELIVERY_BOUND = Duration.ofSeconds(20);
  static final Duration PUBLISH_BOUND = Duration.ofSeconds(10);

  /** Fixed, small server socket send buffers, so back-pressure reaches the feed quickly. */
  @TestConfiguration
  static class SmallSendBuffers {
    @Bean
    TomcatConnectorCustomizer smallSendBuffers() {
      return connector -> connector.setProperty("socket.txBufSize", "65536");
    }
  }

  @LocalServerPort int port;
  @Autowired ApplicationEventPublisher events;
  @Autowired MeterRegistry meters;
  @Autowired FeedHub hub;

  /** Checks one client's stream: slots 0, 1, 2, ... with nothing missing or reordered. */
  static final class OrderCheck {
    final AtomicInteger next = new AtomicInteger();
    final AtomicReference<String> error = new AtomicReference<>();

    void accept(String text) {
      int at = text.indexOf("\"slot\":\"");
      if (at < 0) {
        return;
      }
      int end = text.indexOf('"', at + 8);
      long slot = Long.parseLong(text, at + 8, end, 10);
      int expected = next.getAndIncrement();
      if (slot != expected && error.get() == null) {
        error.set("expected slot " + expected + ", got " + slot);
      }
    }
  }

  @Test
  void hundredClientsGetEveryMessageInOrderAndTheStalledOneIsDropped() throws Exception {
    List<OrderCheck> checks = new ArrayList<>();
    List<RawFeedClient> clients = new ArrayList<>();
    double droppedBefore = meters.get(FeedHub.DROPPED_METER).tag("reason", "buffer_full")
        .counter().count();
    try (RawFeedClient stalled = RawFeedClient.stalled(port)) {
      for (int i = 0; i < CLIENTS; i++) {
        OrderCheck check = new OrderCheck();
        checks.add(check);
        clients.add(RawFeedClient.reading(port, check::accept));
      }
      waitFor(() -> hub.clientCount() == CLIENTS + 1);

      PubKey key = FeedSerializerTest.key(7);
      long start = System.nanoTime();
      long maxPublishNanos = 0;
      for (int slot = 0; slot < TOTAL; slot += BATCH) {
        long due = start + (long) slot * 1_000_000_000L / RATE_PER_SECOND;
        long wait = due - System.nanoTime();
        if (wait > 0) {
          Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
        for (int s = slot; s < slot + BATCH; s++) {
          long t0 = System.nanoTime();
          events.publishEvent(new ParSigReceivedEvent(this,
              FeedWebSocketTest.verified("16Uiu2HAmLoad", s, DutyType.ATTESTER, key, 1)));
          maxPublishNanos = Math.max(maxPublishNanos, System.nanoTime() - t0);
        }
      }
      Duration publishing = Duration.ofNanos(System.nanoTime() - start);

      long deadline = System.nanoTime() + DELIVERY_BOUND.toNanos();
      while (checks.stream().anyMatch(c -> c.next.get() < TOTAL) && System.nanoTime() < deadline) {
        Thread.sleep(250);
        System.out.printf("progress t=%dms min=%d max=%d%n", (System.nanoTime() - start) / 1_000_000,
            checks.stream().mapToInt(c -> c.next.get()).min().getAsInt(),
            checks.stream().mapToInt(c -> c.next.get()).max().getAsInt());
      }
      for (int i = 0; i < CLIENTS; i++) {
        assertThat(checks.get(i).error.get()).as("client %d order", i).isNull();
        assertThat(checks.get(i).next.get()).as("client %d received", i).isEqualTo(TOTAL);
      }
      assertThat(meters.get(FeedHub.DROPPED_METER).tag("reason", "buffer_full").counter().count())
          .as("the stalled client was dropped at its buffer limit").isEqualTo(droppedBefore + 1);
      assertThat(hub.clientCount()).isEqualTo(CLIENTS);
      // Had publishing waited for the stalled client, one publish would have taken the whole
      // 30 s send timeout; scheduler hiccups on a busy machine stay far below this bound.
      assertThat(Duration.ofNanos(maxPublishNanos))
          .as("publishing one event never waited for a client").isLessThan(PUBLISH_BOUND);
      System.out.printf("load: %d sets to %d clients in %s, slowest publish %d us%n",
          TOTAL, CLIENTS, publishing, maxPublishNanos / 1000);
    } finally {
      for (RawFeedClient c : clients) {
        c.close();
      }
    }
  }
}
