package io.parsigex.eth2.charon;

import io.parsigex.api.Eth2Signing;
import io.parsigex.api.PayloadEncoding;
import io.parsigex.api.SigningDomain;
import io.parsigex.eth2.spec.Altair;
import io.parsigex.eth2.ssz.ContainerType;
import io.parsigex.eth2.ssz.JsonFormatException;
import io.parsigex.eth2.ssz.SszContainer;
import io.parsigex.eth2.ssz.SszException;
import java.util.Objects;
import java.util.Optional;

/**
 * Charon's {@code SignedSyncContributionAndProof}: altair {@code SignedContributionAndProof} (360 bytes SSZ on the wire).
 *
 * @param value the altair {@code SignedContributionAndProof}
 */
public record SignedSyncContributionAndProof(SszContainer value) implements ContainerSignedData {
  /** Charon's type name. */
  public static final String TYPE = "SignedSyncContributionAndProof";
  /** The container this type wraps. */
  public static final ContainerType CONTAINER = Altair.SIGNED_CONTRIBUTION_AND_PROOF;

  /** Validates. */
  public SignedSyncContributionAndProof {
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
    return Optional.of(new Eth2Signing(SigningDomain.CONTRIBUTION_AND_PROOF, CharonSignedData.epochOf(value.container("message").container("contribution").uint("slot"), slotsPerEpoch), value.container("message").hashTreeRoot()));
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
  public static SignedSyncContributionAndProof fromSsz(byte[] in) throws SszException {
    return new SignedSyncContributionAndProof(CONTAINER.deserialize(in));
  }

  /**
   * Parses the JSON.
   *
   * @param json the text
   * @return the value
   * @throws JsonFormatException when invalid
   */
  public static SignedSyncContributionAndProof fromJson(String json) throws JsonFormatException {
    return new SignedSyncContributionAndProof(CONTAINER.fromJson(json));
  }
}
