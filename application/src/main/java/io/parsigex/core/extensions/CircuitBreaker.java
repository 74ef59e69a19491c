package io.parsigex.core.extensions;

import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * The circuit breaker of one plugin at one extension point. {@link BreakerState#IN_SERVICE}
 * (closed) until {@code failureThreshold} calls in a row time out, throw or answer nonsense; then
 * {@link BreakerState#OUT_OF_SERVICE} (open): calls are refused without calling the plugin. After
 * {@code coolDown} the next call is let through as a probe ({@link BreakerState#PROBING},
 * half-open; other calls are still refused meanwhile): if it answers, the plugin is back in
 * service; if not, it is out of service for another cool-down. A refusal (a gate denied, a
 * signature invalid, a payload undecodable) is an answer, so it counts as success; a call that
 * could not be scheduled counts as neither.
 *
 * <p>Thread-safe (synchronized; every method is a few field updates).
 */
final class CircuitBreaker {

  /** What a call outcome did to the breaker. */
  record Transition(BreakerState from, BreakerState to) {}

  private final int failureThreshold;
  private final long coolDownNanos;
  private final LongSupplier nanoClock;

  private BreakerState state = BreakerState.IN_SERVICE;
  private int consecutiveFailures;
  private long openedAt;
  private String lastFailure = "";

  CircuitBreaker(int failureThreshold, Duration coolDown, LongSupplier nanoClock) {
    if (failureThreshold < 1) {
      throw new IllegalArgumentException("the failure threshold must be at least 1");
    }
    this.failureThreshold = failureThreshold;
    this.coolDownNanos = Objects.requireNonNull(coolDown, "coolDown").toNanos();
    this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
  }

  /**
   * Whether a call may go to the plugin now. Past the cool-down, the first caller gets the probe
   * (and the breaker becomes {@link BreakerState#PROBING}).
   *
   * @param probeAllowed false when a probe must not be made now (no room for one more hung
   *     thread), so the breaker stays out of service
   * @return {@link Admission#CALL}, {@link Admission#PROBE} when this call is the probe, or
   *     {@link Admission#REFUSED} when the call must not be made
   */
  synchronized Admission admit(boolean probeAllowed) {
    switch (state) {
      case IN_SERVICE:
        return Admission.CALL;
      case PROBING:
        return Admission.REFUSED;
      default:
        if (probeAllowed && nanoClock.getAsLong() - openedAt >= coolDownNanos) {
          state = BreakerState.PROBING;
          return Admission.PROBE;
        }
        return Admission.REFUSED;
    }
  }

  /** What {@link #admit} decided. */
  enum Admission {
    /** In service: call. */
    CALL,
    /** Out of service, cool-down over: this call is the probe. */
    PROBE,
    /** Out of service (or another call is probing): do not call. */
    REFUSED
  }

  /**
   * Records that the plugin answered.
   *
   * @return the transition, or null when the state did not change
   */
  synchronized Transition succeeded() {
    consecutiveFailures = 0;
    if (state == BreakerState.IN_SERVICE) {
      return null;
    }
    BreakerState from = state;
    state = BreakerState.IN_SERVICE;
    return new Transition(from, state);
  }

  /**
   * Records that the plugin timed out, threw or answered nonsense.
   *
   * @param what the failure, kept for health
   * @return the transition, or null when the state did not change
   */
  synchronized Transition failed(String what) {
    lastFailure = what;
    consecutiveFailures++;
    if (state == BreakerState.PROBING
        || (state == BreakerState.IN_SERVICE && consecutiveFailures >= failureThreshold)) {
      BreakerState from = state;
      state = BreakerState.OUT_OF_SERVICE;
      openedAt = nanoClock.getAsLong();
      return new Transition(from, state);
    }
    return null;
  }

  /**
   * A probe that ended without an answer either way (not scheduled): back to out of service, with
   * the cool-down not restarted.
   */
  synchronized void probeAbandoned() {
    if (state == BreakerState.PROBING) {
      state = BreakerState.OUT_OF_SERVICE;
    }
  }

  synchronized BreakerState state() {
    return state;
  }

  synchronized int consecutiveFailures() {
    return consecutiveFailures;
  }

  synchronized String lastFailure() {
    return lastFailure;
  }
}
