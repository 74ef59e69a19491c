package io.parsigex.plugins.gater;

import io.parsigex.api.ChainTiming;
import io.parsigex.api.Duty;
import io.parsigex.api.DutyGater;
import io.parsigex.api.GateDecision;
import io.parsigex.api.PluginContext;
import java.time.Clock;
import java.util.OptionalLong;
import org.pf4j.Extension;

/**
 * Charon's duty gater ({@code core/gater.go}): the duty type must be valid and the duty's epoch at
 * most {@value #DEFAULT_ALLOWED_FUTURE_EPOCHS} (setting {@value #FUTURE_SETTING}) epochs ahead of
 * the wall-clock epoch. Optionally ({@value #PAST_SETTING}) a duty more than that many epochs in the
 * past is refused too; by default, as in Charon, past duties are allowed. Immutable and cheap.
 */
@Extension
public final class EpochGater implements DutyGater {

  /** Charon's {@code defaultAllowedFutureEpochs}. */
  public static final long DEFAULT_ALLOWED_FUTURE_EPOCHS = 2;

  /** Setting: epochs a duty may be ahead of the current epoch. */
  public static final String FUTURE_SETTING = "allowed-future-epochs";

  /** Setting: epochs a duty may be behind the current epoch (absent: no limit). */
  public static final String PAST_SETTING = "allowed-past-epochs";

  private final ChainTiming chain;
  private final Clock clock;
  private final long allowedFuture;
  private final OptionalLong allowedPast;

  /**
   * Created by the node.
   *
   * @param context the chain timing, clock and settings
   */
  public EpochGater(PluginContext context) {
    this.chain = context.chain();
    this.clock = context.clock();
    this.allowedFuture = context.longSetting(FUTURE_SETTING, DEFAULT_ALLOWED_FUTURE_EPOCHS);
    this.allowedPast = context.setting(PAST_SETTING).isPresent()
        ? OptionalLong.of(context.longSetting(PAST_SETTING, 0))
        : OptionalLong.empty();
  }

  @Override
  public GateDecision gate(Duty duty) {
    if (!duty.type().isValid()) {
      return GateDecision.deny("invalid duty type " + duty.type().charonName());
    }
    long current = chain.epochAt(clock.instant());
    long dutyEpoch = chain.epochOfSlot(duty.slot());
    long latest = saturatingAdd(current, allowedFuture);
    if (Long.compareUnsigned(dutyEpoch, latest) > 0) {
      return GateDecision.deny("duty " + duty + " is for epoch " + Long.toUnsignedString(dutyEpoch)
          + ", more than " + allowedFuture + " epochs ahead of the current epoch " + current);
    }
    if (allowedPast.isPresent()
        && Long.compareUnsigned(saturatingAdd(dutyEpoch, allowedPast.getAsLong()), current) < 0) {
      return GateDecision.deny("duty " + duty + " is for epoch " + Long.toUnsignedString(dutyEpoch)
          + ", more than " + allowedPast.getAsLong() + " epochs behind the current epoch "
          + current);
    }
    return GateDecision.allow();
  }

  private static long saturatingAdd(long unsigned, long add) {
    long sum = unsigned + add;
    return Long.compareUnsigned(sum, unsigned) < 0 ? -1L : sum;
  }
}
