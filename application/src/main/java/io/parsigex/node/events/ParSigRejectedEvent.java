package io.parsigex.node.events;

import io.parsigex.core.receive.RejectReason;
import io.parsigex.core.receive.Rejection;
import java.util.Objects;
import org.springframework.context.ApplicationEvent;

/**
 * A received set was refused: {@link #reason()} says why and {@link #fault()} whose fault it was
 * (the sending peer's, or this node's: its plugins, capacity or code).
 */
public final class ParSigRejectedEvent extends ApplicationEvent {
  private static final long serialVersionUID = 1L;

  private final transient Rejection rejection;

  /**
   * Creates the event.
   *
   * @param source the publishing bean
   * @param rejection what was refused and why
   */
  public ParSigRejectedEvent(Object source, Rejection rejection) {
    super(source);
    this.rejection = Objects.requireNonNull(rejection, "rejection");
  }

  /**
   * The refusal.
   *
   * @return the rejection
   */
  public Rejection rejection() {
    return rejection;
  }

  /**
   * Why the set was refused.
   *
   * @return the reason
   */
  public RejectReason reason() {
    return rejection.reason();
  }

  /**
   * Whose fault the refusal was.
   *
   * @return {@link RejectReason.Fault#PEER} or {@link RejectReason.Fault#NODE}
   */
  public RejectReason.Fault fault() {
    return rejection.reason().fault();
  }
}
