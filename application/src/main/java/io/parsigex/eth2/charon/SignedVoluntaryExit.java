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
 * Charon's {@code SignedVoluntaryExit}: JSON on the wire (Go's method sets, §3.1), though receivers try its 112-byte SSZ first. The domain uses the Capella fork version for every epoch (EIP-7044); the node applies that rule.
 *
 * @param value the phase0 {@code SignedVoluntaryExit}
 */
public record SignedVoluntaryExit(SszContainer value) implements ContainerSignedData {
  /** Charon's type name. */
  public static final String TYPE = "SignedVoluntaryExit";
  /** The container this type wraps. */
  public static final ContainerType CONTAINER = Phase0.SIGNED_VOLUNTARY_EXIT;

  /** Validates. */
  public SignedVoluntaryExit {
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
    return Optional.of(new Eth2Signing(SigningDomain.VOLUNTARY_EXIT, value.container("message").uint("epoch"), value.container("message").hashTreeRoot()));
  }

  @Override
  public PayloadEncoding wireEncoding() {
    return PayloadEncoding.JSON;
  }

  /**
   * Decodes the SSZ container (exact size).
   *
   * @param in the payload
   * @return the value
   * @throws SszException when invalid
   */
  public static SignedVoluntaryExit fromSsz(byte[] in) throws SszException {
    return new SignedVoluntaryExit(CONTAINER.deserialize(in));
  }

  /**
   * Parses the JSON.
   *
   * @param json the text
   * @return the value
   * @throws JsonFormatException when invalid
   */
  public static SignedVoluntaryExit fromJson(String json) throws JsonFormatException {
    return new SignedVoluntaryExit(CONTAINER.fromJson(json));
  }
}
