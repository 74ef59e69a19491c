package io.parsigex.eth2.charon;

import io.parsigex.api.Eth2Signing;
import io.parsigex.api.PayloadEncoding;
import io.parsigex.api.SigningDomain;
import io.parsigex.eth2.spec.Altair;
import io.parsigex.eth2.ssz.SszContainer;
import java.util.Optional;

/**
 * Charon's {@code SignedSyncMessage}: altair {@code SyncCommitteeMessage} (144 bytes SSZ on the
 * wire). Its message root is the {@code beacon_block_root} itself.
 *
 * @param value the altair {@code SyncCommitteeMessage}
 */
public record SignedSyncMessage(SszContainer value) implements ContainerSignedData {
  /** Charon's type name. */
  public static final String TYPE = "SignedSyncMessage";
  /** Its container, signature field and wire encoding; reads its SSZ and JSON. */
  public static final ContainerFormat<SignedSyncMessage> FORMAT = new ContainerFormat<>(TYPE,
      Altair.SYNC_COMMITTEE_MESSAGE, "signature", PayloadEncoding.SSZ, SignedSyncMessage::new);

  /** Validates. */
  public SignedSyncMessage {
    FORMAT.check(value);
  }

  @Override
  public ContainerFormat<SignedSyncMessage> format() {
    return FORMAT;
  }

  @Override
  public Optional<Eth2Signing> eth2Signing(long slotsPerEpoch) {
    return Optional.of(new Eth2Signing(SigningDomain.SYNC_COMMITTEE,
        CharonSignedData.epochOf(value.uint("slot"), slotsPerEpoch),
        value.bytes("beacon_block_root").toArray()));
  }
}
