package io.parsigex.api;

import java.util.Locale;
import java.util.Optional;

/**
 * The kinds of duty a distributed validator performs, with Charon's integer codes and names.
 *
 * <p>The integers travel on the wire ({@code Duty.type}) and must never change. Valid duties are
 * 1..13; {@link #UNKNOWN} (0) is never valid and {@link #SENTINEL_CODE} (14) marks the end of the
 * range. {@link #BUILDER_PROPOSER} is deprecated and {@link #INFO_SYNC} is not carried by the
 * partial-signature exchange: both are rejected when decoding a parsigex message.
 */
public enum DutyType {
  /** Code 0: the zero value; never valid. */
  UNKNOWN(0, "unknown"),
  /** Code 1: block proposal ({@code VersionedSignedProposal}). */
  PROPOSER(1, "proposer"),
  /** Code 2: attestation ({@code VersionedAttestation}). */
  ATTESTER(2, "attester"),
  /** Code 3: generic signature, used only by DKG. */
  SIGNATURE(3, "signature"),
  /** Code 4: voluntary exit. */
  EXIT(4, "exit"),
  /** Code 5: deprecated builder proposal; rejected on the parsigex wire. */
  BUILDER_PROPOSER(5, "builder_proposer"),
  /** Code 6: builder (validator) registration. */
  BUILDER_REGISTRATION(6, "builder_registration"),
  /** Code 7: randao reveal. */
  RANDAO(7, "randao"),
  /** Code 8: beacon committee selection proof. */
  PREPARE_AGGREGATOR(8, "prepare_aggregator"),
  /** Code 9: aggregate and proof. */
  AGGREGATOR(9, "aggregator"),
  /** Code 10: sync committee message. */
  SYNC_MESSAGE(10, "sync_message"),
  /** Code 11: sync committee selection proof. */
  PREPARE_SYNC_CONTRIBUTION(11, "prepare_sync_contribution"),
  /** Code 12: sync committee contribution and proof. */
  SYNC_CONTRIBUTION(12, "sync_contribution"),
  /** Code 13: info sync; unsupported on the parsigex wire. */
  INFO_SYNC(13, "info_sync");

  /** Charon's {@code dutySentinel}: the first code past the valid range; never a duty. */
  public static final int SENTINEL_CODE = 14;

  private static final DutyType[] BY_CODE = values();

  private final int code;
  private final String charonName;

  DutyType(int code, String charonName) {
    this.code = code;
    this.charonName = charonName;
  }

  /**
   * The integer Charon puts on the wire.
   *
   * @return the code, 0..13
   */
  public int code() {
    return code;
  }

  /**
   * Charon's name for this type ({@code DutyType.String()}), used in JSON and as a metric label.
   *
   * @return the lowercase snake-case name, for example {@code sync_contribution}
   */
  public String charonName() {
    return charonName;
  }

  /**
   * Whether Charon considers the type valid ({@code 0 < code < 14}).
   *
   * @return false only for {@link #UNKNOWN}
   */
  public boolean isValid() {
    return code > 0 && code < SENTINEL_CODE;
  }

  /**
   * Whether the type has been retired by Charon (only {@link #BUILDER_PROPOSER}).
   *
   * @return true if a parsigex message of this type must be refused as deprecated
   */
  public boolean isDeprecated() {
    return this == BUILDER_PROPOSER;
  }

  /**
   * Whether partial signatures of this type may travel on {@code /charon/parsigex/2.0.0}.
   *
   * @return false for {@link #UNKNOWN}, {@link #BUILDER_PROPOSER} and {@link #INFO_SYNC}
   */
  public boolean isCarriedByParSigEx() {
    return isValid() && this != BUILDER_PROPOSER && this != INFO_SYNC;
  }

  /**
   * Looks a type up by its wire code.
   *
   * @param code the integer from the wire
   * @return the type, or empty when the code is outside 0..13 (the sentinel included)
   */
  public static Optional<DutyType> fromCode(int code) {
    if (code < 0 || code >= BY_CODE.length) {
      return Optional.empty();
    }
    return Optional.of(BY_CODE[code]);
  }

  /**
   * Looks a type up by Charon's name, case-insensitively.
   *
   * @param name for example {@code "randao"}
   * @return the type, or empty when no type has that name
   */
  public static Optional<DutyType> fromCharonName(String name) {
    if (name == null) {
      return Optional.empty();
    }
    String wanted = name.trim().toLowerCase(Locale.ROOT);
    for (DutyType type : BY_CODE) {
      if (type.charonName.equals(wanted)) {
        return Optional.of(type);
      }
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return charonName;
  }
}
