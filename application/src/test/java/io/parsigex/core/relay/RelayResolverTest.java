package io.parsigex.core.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.parsigex.cluster.enr.Enr;
import io.parsigex.libp2p.crypto.Secp256k1PrivateKey;
import io.parsigex.libp2p.multiaddr.Multiaddr;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Relay settings and relay URL answers, resolved from a loopback HTTP server. */
class RelayResolverTest {

  /** Peer id of the secp256k1 key of 32 bytes 0x01 (checked with js-libp2p). */
  private static final String ONES_PEER = "16Uiu2HAmEWQnHq2jLKJypwVnVoQeFCULuyop6atvq2eWjYSUjzNi";
  private static final String OTHER = "16Uiu2HAkzdQ5Y9SYT91K1ue5SxXwgmajXntfScGnLYeip5hHyWmT";

  private static Enr onesEnr(int tcp) throws Exception {
    byte[] ones = new byte[32];
    Arrays.fill(ones, (byte) 1);
    return Enr.create(Secp256k1PrivateKey.fromBytes(ones), 1,
        InetAddress.getByName("127.0.0.1"), tcp, 0);
  }

  @Test
  void settingsAcceptMultiaddrsAndUrlsAndNameTheBadEntry() throws Exception {
    RelaySources s = RelaySources.parse(List.of("/ip4/1.2.3.4/tcp/3640/p2p/" + ONES_PEER,
        "https://0.relay.obol.tech", "http://127.0.0.1:9000/enr"));
    assertThat(s.addresses()).hasSize(1);
    assertThat(s.urls()).extracting(URI::getHost).containsExactly("0.relay.obol.tech",
        "127.0.0.1");
    assertThatThrownBy(() -> RelaySources.parse(List.of("https://ok.example",
        "/ip4/1.2.3.4/tcp/3640")))
        .isInstanceOfSatisfying(RelayConfigException.BadEntry.class,
            e -> assertThat(e.index()).isEqualTo(1))
        .hasMessageContaining("/p2p/<relay peer id>");
    assertThatThrownBy(() -> RelaySources.parse(List.of("relay.example:3640")))
        .isInstanceOf(RelayConfigException.BadEntry.class);
  }

  @Test
  void answersAreAnEnrOrAJsonListOfOneRelay() throws Exception {
    assertThat(RelayResolver.parseAnswer(onesEnr(3640).text() + "\n"))
        .containsExactly(Multiaddr.parse("/ip4/127.0.0.1/tcp/3640/p2p/" + ONES_PEER));
    assertThat(RelayResolver.parseAnswer("[\"/ip4/10.0.0.1/tcp/3640/p2p/" + ONES_PEER
        + "\", \"not a multiaddr\", 7, \"/dns4/relay.example/tcp/3640/p2p/" + ONES_PEER + "\"]"))
        .hasSize(2);
    for (String bad : List.of("", "{}", "[]", "enr:xyz", "<html>", "[\"/ip4/1.2.3.4/tcp/1\"]",
        "[\"/ip4/1.2.3.4/tcp/1/p2p/" + ONES_PEER + "\",\"/ip4/1.2.3.4/tcp/2/p2p/" + OTHER + "\"]",
        onesEnr(0).text())) {
      assertThatThrownBy(() -> RelayResolver.parseAnswer(bad)).as(bad)
          .isInstanceOf(RelayConfigException.BadAnswer.class);
    }
  }

  @Test
  void urlsAreResolvedRetriedAndReResolvedWhenTheAnswerChanges() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    AtomicReference<String> answer = new AtomicReference<>(onesEnr(3640).text());
    AtomicReference<String> clusterHeader = new AtomicReference<>();
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/relay", ex -> {
      clusterHeader.set(ex.getRequestHeaders().getFirst("Charon-Cluster"));
      byte[] body = answer.get().getBytes(StandardCharsets.UTF_8);
      int status = calls.incrementAndGet() == 1 ? 503 : 200; // the first query fails
      ex.sendResponseHeaders(status, body.length);
      ex.getResponseBody().write(body);
      ex.close();
    });
    server.start();
    List<List<Multiaddr>> seen = new CopyOnWriteArrayList<>();
    Multiaddr fixed = Multiaddr.parse("/ip4/10.1.1.1/tcp/3640/p2p/" + OTHER);
    URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/relay");
    try (RelayResolver r = RelayResolver.start(new RelaySources(List.of(fixed), List.of(url)),
        Map.of("Charon-Cluster", "0xabc"), Duration.ofMillis(200), seen::add)) {
      await(() -> seen.size() >= 2);
      assertThat(seen.get(0)).containsExactly(fixed);
      assertThat(seen.get(1)).containsExactly(fixed,
          Multiaddr.parse("/ip4/127.0.0.1/tcp/3640/p2p/" + ONES_PEER));
      assertThat(calls.get()).isGreaterThanOrEqualTo(2);
      assertThat(clusterHeader.get()).isEqualTo("0xabc");
      int before = seen.size();
      Thread.sleep(600); // re-resolved with the same answer: no new announcement
      assertThat(seen).hasSize(before);
      answer.set("[\"/ip4/127.0.0.1/tcp/4000/p2p/" + ONES_PEER + "\"]");
      await(() -> seen.size() > before);
      assertThat(seen.get(seen.size() - 1)).containsExactly(fixed,
          Multiaddr.parse("/ip4/127.0.0.1/tcp/4000/p2p/" + ONES_PEER));
      assertThat(r.errors()).isEmpty();
      assertThat(r.failures()).as("the first query's 503, and nothing since").isEqualTo(1);
    } finally {
      server.stop(0);
    }
  }

  @Test
  void anUnreachableUrlIsReportedNotFatal() throws Exception {
    List<List<Multiaddr>> seen = new CopyOnWriteArrayList<>();
    URI url = URI.create("http://127.0.0.1:1/relay");
    try (RelayResolver r = RelayResolver.start(new RelaySources(List.of(), List.of(url)),
        Map.of(), Duration.ofMillis(200), seen::add)) {
      await(() -> r.failures() >= 2);
      assertThat(r.errors().get(url)).contains("cannot query");
      assertThat(seen).isEmpty();
    }
  }

  private static void await(java.util.function.BooleanSupplier c) throws InterruptedException {
    long end = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    while (!c.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("timed out");
      }
      Thread.sleep(20);
    }
  }
}
