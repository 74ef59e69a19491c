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
 * Charon's {@code SignedSyncMessage}: altair {@code SyncCommitteeMessage} (144 bytes SSZ on the wire). Its message root is the {@code beacon_block_root} itself.
 *
 * @param value the altair {@code SyncCommitteeMessage}
 */
public record SignedSyncMessage(SszContainer value) implements ContainerSignedData {
  /** Charon's type name. */
  public static final String TYPE = "SignedSyncMessage";
  /** The container this type wraps. */
  public static final ContainerType CONTAINER = Altair.SYNC_COMMITTEE_MESSAGE;

  /** Validates. */
  public SignedSyncMessage {
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
    return Optional.of(new Eth2Signing(SigningDomain.SYNC_COMMITTEE, CharonSignedData.epochOf(value.uint("slot"), slotsPerEpoch), value.bytes("beacon_block_root").toArray()));
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
  public static SignedSyncMessage fromSsz(byte[] in) throws SszException {
    return new SignedSyncMessage(CONTAINER.deserialize(in));
  }

  /**
   * Parses the JSON.
   *
   * @param json the text
   * @return the value
   * @throws JsonFormatException when invalid
   */
  public static SignedSyncMessage fromJson(String json) throws JsonFormatException {
    return new SignedSyncMessage(CONTAINER.fromJson(json));
  }
}
