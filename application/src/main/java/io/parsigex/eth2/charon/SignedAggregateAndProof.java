package io.parsigex.eth2.charon;

import io.parsigex.api.Eth2Signing;
import io.parsigex.api.PayloadEncoding;
import io.parsigex.api.SigningDomain;
import io.parsigex.eth2.spec.Phase0;
import io.parsigex.eth2.ssz.ContainerType;
import io.parsigex.eth2.ssz.JsonFormatException;
import io.parsigex.eth2.ssz.SszContainer;
import io.parsigex.eth2.ssz.SszException;
import java.util.Objects;
import java.util.Optional;

/**
 * The legacy plain phase0 {@code SignedAggregateAndProof} aggregator payload; SSZ on the wire.
 *
 * @param value the phase0 {@code SignedAggregateAndProof}
 */
public record SignedAggregateAndProof(SszContainer value) implements ContainerSignedData {
  /** Charon's type name. */
  public static final String TYPE = "SignedAggregateAndProof";
  /** The container this type wraps. */
  public static final ContainerType CONTAINER = Phase0.SIGNED_AGGREGATE_AND_PROOF;

  /** Validates. */
  public SignedAggregateAndProof {
    Objects.requireNonNull(value, "value");
    CONTAINER.check(value);
  }

  @Override
  public String typeName() {
    return TYPE;
  }

  @Override
  public byte[] signature() {
    return value.bytes("signature").toArray();
  }

  @Override
  public Optional<Eth2Signing> eth2Signing(long slotsPerEpoch) {
    return signing(value, slotsPerEpoch);
  }

  static Optional<Eth2Signing> signing(SszContainer signed, long slotsPerEpoch) {
    SszContainer message = signed.container("message");
    long slot = message.container("aggregate").container("data").uint("slot");
    return Optional.of(new Eth2Signing(SigningDomain.AGGREGATE_AND_PROOF,
        CharonSignedData.epochOf(slot, slotsPerEpoch), message.hashTreeRoot()));
  }

  @Override
  public PayloadEncoding wireEncoding() {
    return PayloadEncoding.SSZ;
  }

  /**
   * Decodes the SSZ container (exact size).
   *
   * @param in the payload
   * @return the value
   * @throws SszException when invalid
   */
  public static SignedAggregateAndProof fromSsz(byte[] in) throws SszException {
    return new SignedAggregateAndProof(CONTAINER.deserialize(in));
  }

  /**
   * Parses the JSON.
   *
   * @param json the text
   * @return the value
   * @throws JsonFormatException when invalid
   */
  public static SignedAggregateAndProof fromJson(String json) throws JsonFormatException {
    return new SignedAggregateAndProof(CONTAINER.fromJson(json));
  }
}
