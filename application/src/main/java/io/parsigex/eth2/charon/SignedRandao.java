package io.parsigex.eth2.charon;

import io.parsigex.api.Eth2Signing;
import io.parsigex.api.PayloadEncoding;
import io.parsigex.api.SigningDomain;
import io.parsigex.eth2.ssz.ContainerType;
import io.parsigex.eth2.ssz.JsonFormatException;
import io.parsigex.eth2.ssz.Ssz;
import io.parsigex.eth2.ssz.SszContainer;
import io.parsigex.eth2.ssz.SszException;
import java.util.Objects;
import java.util.Optional;

/**
 * Charon's {@code SignedRandao} ({@code eth2util.SignedEpoch}): JSON on the wire; the message root is {@code hash_tree_root(uint64 epoch)}.
 *
 * @param value the {@code SignedEpoch} ({@link CharonContainers#SIGNED_EPOCH})
 */
public record SignedRandao(SszContainer value) implements ContainerSignedData {
  /** Charon's type name. */
  public static final String TYPE = "SignedRandao";
  /** The container this type wraps. */
  public static final ContainerType CONTAINER = CharonContainers.SIGNED_EPOCH;

  /** Validates. */
  public SignedRandao {
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
    return Optional.of(new Eth2Signing(SigningDomain.RANDAO, value.uint("epoch"), Ssz.UINT64.hashTreeRoot(value.uint("epoch"))));
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
  public static SignedRandao fromSsz(byte[] in) throws SszException {
    return new SignedRandao(CONTAINER.deserialize(in));
  }

  /**
   * Parses the JSON.
   *
   * @param json the text
   * @return the value
   * @throws JsonFormatException when invalid
   */
  public static SignedRandao fromJson(String json) throws JsonFormatException {
    return new SignedRandao(CONTAINER.fromJson(json));
  }
}
