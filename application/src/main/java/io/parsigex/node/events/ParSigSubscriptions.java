package io.parsigex.node.events;

import io.parsigex.core.receive.VerifiedSet;
import java.util.function.Consumer;

/**
 * The Java subscriber API: code in the same JVM that wants every verified set without going through
 * Spring events. Subscribers run on the node's event thread, in registration order; one that throws
 * is logged and the others still run (as Charon's subscribers are).
 */
public interface ParSigSubscriptions {

  /**
   * Registers a subscriber.
   *
   * @param subscriber called with every verified set
   * @return closing it unsubscribes
   */
  AutoCloseable subscribe(Consumer<VerifiedSet> subscriber);
}
