package io.parsigex.testsupport;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.LoggerFactory;

/**
 * Runs each test with Netty's paranoid leak detection and fails it when Netty reports a leaked
 * buffer. After the test it collects garbage and allocates, which makes the detector report
 * buffers that were dropped without {@code release()}.
 */
public final class NettyLeakCheck implements BeforeEachCallback, AfterEachCallback {

  private static final String DETECTOR_LOGGER = ResourceLeakDetector.class.getName();
  private static final int GC_ROUNDS = 3;
  private static final int PROBE_ALLOCATIONS = 64;
  private static final long GC_PAUSE_MILLIS = 20;
  private static final ExtensionContext.Namespace NS =
      ExtensionContext.Namespace.create(NettyLeakCheck.class);

  @Override
  public void beforeEach(ExtensionContext context) {
    ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
    Logger logger = (Logger) LoggerFactory.getLogger(DETECTOR_LOGGER);
    logger.setLevel(Level.ERROR);
    Capture capture = new Capture();
    capture.start();
    logger.addAppender(capture);
    context.getStore(NS).put(Capture.class, capture);
  }

  @Override
  public void afterEach(ExtensionContext context) throws Exception {
    Capture capture = context.getStore(NS).remove(Capture.class, Capture.class);
    try {
      for (int i = 0; i < GC_ROUNDS; i++) {
        System.gc();
        Thread.sleep(GC_PAUSE_MILLIS);
        for (int j = 0; j < PROBE_ALLOCATIONS; j++) {
          ByteBuf probe = ByteBufAllocator.DEFAULT.buffer(1);
          probe.release();
        }
      }
    } finally {
      ((Logger) LoggerFactory.getLogger(DETECTOR_LOGGER)).detachAppender(capture);
      capture.stop();
    }
    List<String> leaks = capture.messages();
    if (!leaks.isEmpty()) {
      throw new AssertionError("Netty reported " + leaks.size() + " leaked buffer(s):\n"
          + String.join("\n\n", leaks));
    }
  }

  private static final class Capture extends AppenderBase<ILoggingEvent> {
    private final List<String> seen = new ArrayList<>();

    @Override
    protected synchronized void append(ILoggingEvent event) {
      if (event.getLevel().isGreaterOrEqual(Level.ERROR)
          && event.getFormattedMessage().contains("LEAK")) {
        seen.add(event.getFormattedMessage());
      }
    }

    synchronized List<String> messages() {
      return List.copyOf(seen);
    }
  }
}
