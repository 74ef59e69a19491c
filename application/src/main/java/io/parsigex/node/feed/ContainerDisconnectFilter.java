package io.parsigex.node.feed;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import java.util.Objects;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;

/**
 * Turns Tomcat's warning for a WebSocket client that went away into the feed's one rate-limited
 * line. When a blocking write to a client fails (a broken pipe, a write timeout on a client that
 * stopped reading), Tomcat closes the session itself, tries once more to flush the batched frames,
 * and logs that second failure as a WARN with the whole stack trace: one per dropped client. This
 * filter denies exactly those events (logger {@value #TOMCAT_SESSION_LOGGER}, WARN, an
 * {@link java.io.IOException} among the causes) and logs their reason through {@link FeedLog};
 * every other event of that logger passes.
 */
final class ContainerDisconnectFilter extends TurboFilter {

  /** Tomcat's WebSocket session logger. */
  static final String TOMCAT_SESSION_LOGGER = "org.apache.tomcat.websocket.WsSession";

  private final FeedLog log;

  ContainerDisconnectFilter(FeedLog log) {
    this.log = Objects.requireNonNull(log, "log");
    setName(ContainerDisconnectFilter.class.getName());
  }

  @Override
  public FilterReply decide(Marker marker, Logger logger, Level level, String format,
      Object[] params, Throwable t) {
    if (t != null && level == Level.WARN && TOMCAT_SESSION_LOGGER.equals(logger.getName())
        && FeedLog.expectedDisconnect(t, true)) {
      log.containerDisconnect(FeedLog.describe(t));
      return FilterReply.DENY;
    }
    return FilterReply.NEUTRAL;
  }

  /**
   * Adds the filter to Logback's context, once (a no-op when Logback is not the logging backend).
   *
   * @param log where the reasons go
   * @return the installed filter, to {@link #uninstall}
   */
  static ContainerDisconnectFilter install(FeedLog log) {
    ContainerDisconnectFilter filter = new ContainerDisconnectFilter(log);
    ILoggerFactory factory = LoggerFactory.getILoggerFactory();
    if (factory instanceof LoggerContext context) {
      context.getTurboFilterList().removeIf(f -> filter.getName().equals(f.getName()));
      filter.setContext(context);
      filter.start();
      context.addTurboFilter(filter);
    }
    return filter;
  }

  /** Removes the filter from Logback's context. */
  void uninstall() {
    if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
      context.getTurboFilterList().remove(this);
    }
    stop();
  }
}
