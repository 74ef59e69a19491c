package io.parsigex.attack;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Captures every log line at INFO and above (the production level) written while it is open, on
 * the root logger, so a flood's log volume can be counted.
 */
final class LogCapture implements AutoCloseable {

  private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

  LogCapture() {
    appender.setContext(root.getLoggerContext());
    appender.start();
    root.addAppender(appender);
  }

  /**
   * Lines at INFO or above that mention a text (a peer id), in their message or their stack trace.
   *
   * @param text what to look for
   * @return the count
   */
  long linesMentioning(String text) {
    return events().stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.INFO))
        .filter(e -> e.getFormattedMessage().contains(text)
            || (e.getThrowableProxy() != null && e.getThrowableProxy().getMessage() != null
                && e.getThrowableProxy().getMessage().contains(text)))
        .count();
  }

  /**
   * Lines at INFO or above.
   *
   * @return the count
   */
  long lines() {
    return events().stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.INFO)).count();
  }

  /**
   * Lines at INFO or above that carry a stack trace.
   *
   * @return the count
   */
  long stackTraces() {
    return events().stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.INFO))
        .filter(e -> e.getThrowableProxy() != null).count();
  }

  private List<ILoggingEvent> events() {
    synchronized (appender) {
      return List.copyOf(appender.list);
    }
  }

  @Override
  public void close() {
    root.detachAppender(appender);
    appender.stop();
  }
}
