package io.parsigex.eth2.charon;

import io.parsigex.api.Eth2Signing;
import io.parsigex.api.PayloadEncoding;
import io.parsigex.api.SigningDomain;
import io.parsigex.eth2.spec.Phase0;
import io.parsigex.eth2.ssz.SszContainer;
import java.util.Optional;

/**
 * Charon's {@code SignedVoluntaryExit}: JSON on the wire (Go's method sets, §3.1), though
 * receivers try its 112-byte SSZ first. The domain uses the Capella fork version for every epoch
 * (EIP-7044); the node applies that rule.
 *
 * @param value the phase0 {@code SignedVoluntaryExit}
 */
public record SignedVoluntaryExit(SszContainer value) implements ContainerSignedData {
  /** Charon's type name. */
  public static final String TYPE = "SignedVoluntaryExit";
  /** Its container, signature field and wire encoding; reads its SSZ and JSON. */
  public static final ContainerFormat<SignedVoluntaryExit> FORMAT = new ContainerFormat<>(TYPE,
      Phase0.SIGNED_VOLUNTARY_EXIT, "signature", PayloadEncoding.JSON, SignedVoluntaryExit::new);

  /** Validates. */
  public SignedVoluntaryExit {
    FORMAT.check(value);
  }

  @Override
  public ContainerFormat<SignedVoluntaryExit> format() {
    return FORMAT;
  }

  @Override
  public Optional<Eth2Signing> eth2Signing(long slotsPerEpoch) {
    SszContainer message = value.container("message");
    return Optional.of(new Eth2Signing(SigningDomain.VOLUNTARY_EXIT, message.uint("epoch"),
        message.hashTreeRoot()));
  }
}
