package io.parsigex.node.events;

import io.parsigex.core.broadcast.BroadcastResult;
import java.util.Objects;
import org.springframework.context.ApplicationEvent;

/** This node finished broadcasting a set: one outcome per peer. */
public final class ParSigBroadcastEvent extends ApplicationEvent {
  private static final long serialVersionUID = 1L;

  private final transient BroadcastResult result;

  /**
   * Creates the event.
   *
   * @param source the publishing bean
   * @param result the broadcast and its outcomes
   */
  public ParSigBroadcastEvent(Object source, BroadcastResult result) {
    super(source);
    this.result = Objects.requireNonNull(result, "result");
  }

  /**
   * The broadcast.
   *
   * @return the result
   */
  public BroadcastResult result() {
    return result;
  }
}
