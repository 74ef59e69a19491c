package io.parsigex.node.feed;

import io.micrometer.core.instrument.MeterRegistry;
import io.parsigex.core.codec.CodecRegistry;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.CloseStatus;
import tools.jackson.databind.json.JsonMapper;

/** The WebSocket feed's beans: sender threads, hub, serializer, event bridge, handler. */
@Configuration(proxyBeanMethods = false)
public class FeedConfiguration {

  private final FeedProperties properties;
  private final JsonMapper mapper;
  private final MeterRegistry meters;

  /**
   * Creates the configuration.
   *
   * @param properties {@code parsigex.ws.*}
   * @param mapper the application's Jackson mapper
   * @param meters the meter registry
   */
  public FeedConfiguration(FeedProperties properties, JsonMapper mapper, MeterRegistry meters) {
    this.properties = properties;
    this.mapper = mapper;
    this.meters = meters;
  }

  /**
   * The shared sender threads. Each client has at most one task queued, so a queue as long as
   * the client limit never overflows.
   *
   * @return the executor
   */
  @Bean(destroyMethod = "shutdownNow")
  ThreadPoolExecutor feedSenders() {
    AtomicInteger n = new AtomicInteger();
    ThreadFactory threads = r -> {
      Thread t = new Thread(r, "parsigex-ws-sender-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
    return new ThreadPoolExecutor(properties.senderThreads(), properties.senderThreads(),
        0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(properties.maxClients() + 1), threads);
  }

  /**
   * The client registry and fan-out; closes every client with 1001 when the node stops.
   *
   * @param feedSenders the sender threads
   * @return the hub
   */
  @Bean
  FeedHub feedHub(ThreadPoolExecutor feedSenders) {
    return new FeedHub(properties, feedSenders, meters);
  }

  /**
   * Closes clients before the executor stops.
   *
   * @param hub the hub
   * @return a lifecycle hook
   */
  @Bean
  FeedShutdown feedShutdown(FeedHub hub) {
    return new FeedShutdown(hub, CloseStatus.GOING_AWAY);
  }

  /**
   * Logs the web container's write failures on clients that went away as one rate-limited line
   * instead of a stack trace each.
   *
   * @return the installed Logback filter
   */
  @Bean(destroyMethod = "uninstall")
  ContainerDisconnectFilter feedContainerDisconnectFilter() {
    return ContainerDisconnectFilter.install(FeedLog.shared());
  }

  /**
   * The JSON shapes.
   *
   * @param codecs reads plugin values through their guard
   * @return the serializer
   */
  @Bean
  FeedSerializer feedSerializer(CodecRegistry codecs) {
    return new FeedSerializer(mapper, codecs);
  }

  /**
   * The event bridge.
   *
   * @param hub the hub
   * @param serializer the serializer
   * @return the listener
   */
  @Bean
  FeedEventListener feedEventListener(FeedHub hub, FeedSerializer serializer,
      FeedTotals totals) {
    return new FeedEventListener(hub, serializer, totals);
  }

  /**
   * The node's totals since it started, counted from the feed's events.
   *
   * @return empty totals
   */
  @Bean
  FeedTotals feedTotals() {
    return new FeedTotals(java.time.Instant.now());
  }

  /**
   * The endpoint handler.
   *
   * @param hub the hub
   * @param events registers clients
   * @param serializer the serializer
   * @return the handler
   */
  @Bean
  FeedWebSocketHandler feedWebSocketHandler(FeedHub hub, FeedEventListener events,
      FeedSerializer serializer) {
    return new FeedWebSocketHandler(hub, events, serializer, mapper);
  }
}
