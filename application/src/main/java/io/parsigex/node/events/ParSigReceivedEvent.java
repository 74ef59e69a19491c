package io.parsigex.node.events;

import io.parsigex.core.receive.VerifiedSet;
import java.util.Objects;
import org.springframework.context.ApplicationEvent;

/**
 * A set of partial signatures was received from a peer and verified. Published asynchronously,
 * never on a network thread.
 */
public final class ParSigReceivedEvent extends ApplicationEvent {
  private static final long serialVersionUID = 1L;

  private final transient VerifiedSet set;

  /**
   * Creates the event.
   *
   * @param source the publishing bean
   * @param set the verified set (duty, entries, sender, receive time)
   */
  public ParSigReceivedEvent(Object source, VerifiedSet set) {
    super(source);
    this.set = Objects.requireNonNull(set, "set");
  }

  /**
   * The verified set.
   *
   * @return the set
   */
  public VerifiedSet set() {
    return set;
  }
}
