package io.parsigex.eth2.charon;

import io.parsigex.api.Eth2Signing;
import io.parsigex.api.PayloadEncoding;
import io.parsigex.api.SigningDomain;
import io.parsigex.eth2.ssz.Ssz;
import io.parsigex.eth2.ssz.SszContainer;
import java.util.Optional;

/**
 * Charon's {@code SignedRandao} ({@code eth2util.SignedEpoch}): JSON on the wire; the message root
 * is {@code hash_tree_root(uint64 epoch)}.
 *
 * @param value the {@code SignedEpoch} ({@link CharonContainers#SIGNED_EPOCH})
 */
public record SignedRandao(SszContainer value) implements ContainerSignedData {
  /** Charon's type name. */
  public static final String TYPE = "SignedRandao";
  /** Its container, signature field and wire encoding; reads its SSZ and JSON. */
  public static final ContainerFormat<SignedRandao> FORMAT = new ContainerFormat<>(TYPE,
      CharonContainers.SIGNED_EPOCH, "signature", PayloadEncoding.JSON, SignedRandao::new);

  /** Validates. */
  public SignedRandao {
    FORMAT.check(value);
  }

  @Override
  public ContainerFormat<SignedRandao> format() {
    return FORMAT;
  }

  @Override
  public Optional<Eth2Signing> eth2Signing(long slotsPerEpoch) {
    long epoch = value.uint("epoch");
    return Optional.of(new Eth2Signing(SigningDomain.RANDAO, epoch,
        Ssz.UINT64.hashTreeRoot(epoch)));
  }
}
