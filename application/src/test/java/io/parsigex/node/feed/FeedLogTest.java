package io.parsigex.node.feed;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.parsigex.common.log.RateLimitedLog;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/** Expected disconnects are one rate-limited line; unexpected errors keep a rate-limited trace. */
class FeedLogTest {

  private static final Duration WINDOW = Duration.ofSeconds(10);
  private final AtomicLong clock = new AtomicLong();
  private final Logger logger = (Logger) LoggerFactory.getLogger("feed-log-test");
  private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
  private FeedLog log;

  @BeforeEach
  void capture() {
    lines.start();
    logger.addAppender(lines);
    log = new FeedLog(logger, new RateLimitedLog(logger, Level.WARN, WINDOW, clock::get, false),
        WINDOW, clock::get);
  }

  @AfterEach
  void release() {
    logger.detachAppender(lines);
  }

  @Test
  void ioErrorsAndErrorsOnClosedSessionsAreExpected() {
    assertThat(FeedLog.expectedDisconnect(new IOException("Broken pipe"), true)).isTrue();
    assertThat(FeedLog.expectedDisconnect(
        new IllegalStateException("wrapped", new SocketTimeoutException()), true)).isTrue();
    assertThat(FeedLog.expectedDisconnect(
        new IllegalStateException("The WebSocket session has been closed"), false)).isTrue();
    assertThat(FeedLog.expectedDisconnect(new NullPointerException("bug"), true)).isFalse();
    assertThat(FeedLog.describe(new IOException("x", new IOException("Broken pipe"))))
        .isEqualTo("IOException: Broken pipe");
    assertThat(FeedLog.describe(new SocketTimeoutException())).isEqualTo("SocketTimeoutException");
  }

  @Test
  void dropsAreOneLineWithoutTraceRateLimitedPerReason() {
    for (int i = 0; i < 20; i++) {
      log.dropped("client-" + i, DropReason.BUFFER_FULL, "limits");
    }
    log.dropped("client-x", DropReason.SEND_FAILED, "IOException: Broken pipe");
    assertThat(lines.list).hasSize(2).allMatch(e -> e.getThrowableProxy() == null);
    assertThat(lines.list.get(1).getFormattedMessage()).contains("send_failed")
        .contains("Broken pipe");
  }

  @Test
  void unexpectedErrorsKeepOneTracePerTypeAndWindow() {
    for (int i = 0; i < 5; i++) {
      log.unexpected("c", "writing a frame", new NullPointerException("bug " + i));
    }
    assertThat(lines.list).hasSize(1);
    assertThat(lines.list.get(0).getThrowableProxy().getClassName())
        .isEqualTo(NullPointerException.class.getName());
    clock.addAndGet(WINDOW.toNanos() + 1);
    log.unexpected("c", "writing a frame", new NullPointerException("bug 5"));
    assertThat(lines.list).hasSize(2);
    assertThat(lines.list.get(1).getFormattedMessage()).contains("4 more of this type");
    assertThat(lines.list.get(1).getThrowableProxy()).isNotNull();
  }

  @Test
  void theFilterDeniesOnlyTomcatsDisconnectWarnings() {
    ContainerDisconnectFilter filter = new ContainerDisconnectFilter(log);
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    Logger tomcat = context.getLogger(ContainerDisconnectFilter.TOMCAT_SESSION_LOGGER);
    assertThat(filter.decide(null, tomcat, ch.qos.logback.classic.Level.WARN, "flush failed",
        null, new IOException(new IOException("Broken pipe"))))
        .isEqualTo(ch.qos.logback.core.spi.FilterReply.DENY);
    assertThat(lines.list).singleElement()
        .satisfies(e -> assertThat(e.getFormattedMessage()).contains("Broken pipe"));
    assertThat(filter.decide(null, tomcat, ch.qos.logback.classic.Level.WARN, "other", null,
        new IllegalArgumentException("a real problem")))
        .isEqualTo(ch.qos.logback.core.spi.FilterReply.NEUTRAL);
    assertThat(filter.decide(null, logger, ch.qos.logback.classic.Level.WARN, "elsewhere", null,
        new IOException("x"))).isEqualTo(ch.qos.logback.core.spi.FilterReply.NEUTRAL);
  }
}
