package io.parsigex.node.events;

import io.parsigex.core.receive.Rejection;
import java.util.Objects;
import org.springframework.context.ApplicationEvent;

/** A received set was refused (malformed, gated, undecodable, bad signature, overload, timeout). */
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
}
