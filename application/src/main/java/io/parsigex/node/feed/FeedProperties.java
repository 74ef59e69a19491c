package io.parsigex.node.feed;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits of the WebSocket feed {@code /ws/parsigex} (prefix {@code parsigex.ws}). Every limit has a
 * named default (also given to the binder with {@link DefaultValue}, so that the configuration
 * metadata shows it); a client whose outbound buffer overflows either limit is disconnected.
 *
 * @param maxBufferedMessages messages one client may have waiting before it is dropped
 * @param maxBufferedBytes bytes (UTF-8 JSON) one client may have waiting before it is dropped
 * @param sendTimeout longest a single frame write may block before the client counts as stalled
 * @param senderThreads threads shared by all clients for writing frames
 * @param maxClients clients connected at once; more are refused with close code 1013
 * @param allowedOrigins browser origins allowed to connect ({@code *} for any: the feed is
 *     read-only and carries public data, so other people's dashboards may use it)
 */
@ConfigurationProperties("parsigex.ws")
public record FeedProperties(
    @DefaultValue("4096") int maxBufferedMessages,
    @DefaultValue("8MB") DataSize maxBufferedBytes,
    @DefaultValue("5s") Duration sendTimeout,
    @DefaultValue("32") int senderThreads,
    @DefaultValue("1024") int maxClients,
    @DefaultValue("*") List<String> allowedOrigins) {

  /** Default {@code parsigex.ws.max-buffered-messages}: two seconds of a very busy cluster. */
  public static final int DEFAULT_MAX_BUFFERED_MESSAGES = 4096;
  /** Default {@code parsigex.ws.max-buffered-bytes}. */
  public static final DataSize DEFAULT_MAX_BUFFERED_BYTES = DataSize.ofMegabytes(8);
  /** Default {@code parsigex.ws.send-timeout}. */
  public static final Duration DEFAULT_SEND_TIMEOUT = Duration.ofSeconds(5);
  /** Default {@code parsigex.ws.sender-threads}. */
  public static final int DEFAULT_SENDER_THREADS = 32;
  /** Default {@code parsigex.ws.max-clients}. */
  public static final int DEFAULT_MAX_CLIENTS = 1024;
  /** Upper bound for {@code parsigex.ws.sender-threads}. */
  public static final int MAX_SENDER_THREADS = 256;
  /** Upper bound for {@code parsigex.ws.max-clients} (the sender queue is allocated up front). */
  public static final int MAX_CLIENTS = 1 << 16;

  /** Fills defaults for unset values and validates the rest. */
  public FeedProperties {
    maxBufferedMessages = maxBufferedMessages == 0 ? DEFAULT_MAX_BUFFERED_MESSAGES : maxBufferedMessages;
    maxBufferedBytes = maxBufferedBytes == null ? DEFAULT_MAX_BUFFERED_BYTES : maxBufferedBytes;
    sendTimeout = sendTimeout == null ? DEFAULT_SEND_TIMEOUT : sendTimeout;
    senderThreads = senderThreads == 0 ? DEFAULT_SENDER_THREADS : senderThreads;
    maxClients = maxClients == 0 ? DEFAULT_MAX_CLIENTS : maxClients;
    allowedOrigins = allowedOrigins == null || allowedOrigins.isEmpty()
        ? List.of("*") : List.copyOf(allowedOrigins);
    require(maxBufferedMessages > 0, "parsigex.ws.max-buffered-messages must be positive, got "
        + maxBufferedMessages);
    require(maxBufferedBytes.toBytes() > 0 && maxBufferedBytes.toBytes() <= Integer.MAX_VALUE,
        "parsigex.ws.max-buffered-bytes must be between 1B and 2GB, got " + maxBufferedBytes);
    require(!sendTimeout.isNegative() && !sendTimeout.isZero(),
        "parsigex.ws.send-timeout must be positive, got " + sendTimeout);
    require(senderThreads > 0 && senderThreads <= MAX_SENDER_THREADS,
        "parsigex.ws.sender-threads must be 1.." + MAX_SENDER_THREADS + ", got " + senderThreads);
    require(maxClients > 0 && maxClients <= MAX_CLIENTS,
        "parsigex.ws.max-clients must be 1.." + MAX_CLIENTS + ", got " + maxClients);
  }

  /**
   * The defaults.
   *
   * @return properties with every default
   */
  public static FeedProperties defaults() {
    return new FeedProperties(0, null, null, 0, 0, null);
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }
}
