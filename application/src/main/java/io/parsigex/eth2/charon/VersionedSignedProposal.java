package io.parsigex.eth2.charon;

import io.parsigex.api.Eth2Signing;
import io.parsigex.api.PayloadEncoding;
import io.parsigex.api.SigningDomain;
import io.parsigex.eth2.charon.VersionedFormat.Layout;
import io.parsigex.eth2.fork.Fork;
import io.parsigex.eth2.spec.ForkTypes;
import io.parsigex.eth2.ssz.ContainerType;
import io.parsigex.eth2.ssz.JsonFormatException;
import io.parsigex.eth2.ssz.JsonText;
import io.parsigex.eth2.ssz.SszContainer;
import io.parsigex.eth2.ssz.SszException;
import java.util.Objects;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Charon's {@code VersionedSignedProposal}: a signed block of some fork, blinded or not, with the
 * blobs and KZG proofs for deneb and later unblinded blocks. SSZ wrapper: version {@code uint64},
 * blinded byte, offset 13, inner object (Charon's versioned blinded proposal wrapper, {@code charon:core/ssz.go}).
 *
 * @param version the fork
 * @param blinded the blinded flag (for phase0 and altair it is kept but selects nothing)
 * @param block the inner object: {@code SignedBeaconBlock}, {@code SignedBlindedBeaconBlock} or
 *     {@code SignedBlockContents}, as {@link #innerType(Fork, boolean)} says
 */
public record VersionedSignedProposal(Fork version, boolean blinded, SszContainer block)
    implements CharonSignedData {
  /** Charon's type name. */
  public static final String TYPE = "VersionedSignedProposal";
  /** Version, blinded byte, offset 13, inner ({@code versionedBlindedOffset}). */
  private static final Layout<Boolean> LAYOUT = new Layout<>("the blinded header",
      Wrappers.BLINDED_HEADER, new BlindedByte(), false);
  private static final VersionedFormat<Boolean, VersionedSignedProposal> FORMAT =
      new VersionedFormat<>(TYPE, "block", VersionedSignedProposal::innerType,
          VersionedSignedProposal::blindedFromJson, VersionedSignedProposal::new);

  /** Validates that the inner object is the one the version and flag select. */
  public VersionedSignedProposal {
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(block, "block");
    ContainerType want = innerType(version, blinded);
    if (block.type() != want) {
      throw new IllegalArgumentException(TYPE + " " + version.label()
          + (blinded ? " blinded" : "") + " carries " + want.typeName() + ", got "
          + block.type().typeName());
    }
  }

  /**
   * The inner container for a version and blinded flag (Charon's table, §3.4).
   *
   * @param version the fork
   * @param blinded the flag
   * @return the container type
   */
  public static ContainerType innerType(Fork version, boolean blinded) {
    ForkTypes t = ForkTypes.of(version);
    if (blinded && t.hasBlinded()) {
      return t.signedBlindedBeaconBlock().orElseThrow();
    }
    return t.signedBlockContents().orElse(t.signedBeaconBlock());
  }

  /**
   * The signed block inside (the {@code signed_block} of block contents).
   *
   * @return the {@code SignedBeaconBlock} or {@code SignedBlindedBeaconBlock}
   */
  public SszContainer signedBlock() {
    return block.type().hasField("signed_block") ? block.container("signed_block") : block;
  }

  @Override
  public String typeName() {
    return TYPE;
  }

  @Override
  public byte[] signature() {
    return signedBlock().bytes("signature").toArray();
  }

  @Override
  public Optional<Eth2Signing> eth2Signing(long slotsPerEpoch) {
    SszContainer message = signedBlock().container("message");
    return Optional.of(new Eth2Signing(SigningDomain.BEACON_PROPOSER,
        CharonSignedData.epochOf(message.uint("slot"), slotsPerEpoch), message.hashTreeRoot()));
  }

  @Override
  public String toCharonJson() {
    StringBuilder sb = new StringBuilder("{\"version\":").append(DataVersion.of(version))
        .append(",\"block\":");
    block.type().writeJson(block, sb);
    if (blinded) {
      sb.append(",\"blinded\":true");
    }
    return sb.append('}').toString();
  }

  @Override
  public PayloadEncoding wireEncoding() {
    return PayloadEncoding.SSZ;
  }

  @Override
  public Optional<byte[]> toSsz() {
    return Optional.of(FORMAT.toSsz(LAYOUT, version, blinded, block));
  }

  /**
   * Decodes Charon's SSZ wrapper as Go does: {@code len >= 13}, a known version, blinded =
   * (byte 8 == 1), {@code 13 <= offset <= len}, inner = the bytes from the offset.
   *
   * @param in the payload
   * @return the value
   * @throws SszException when the bytes are not a valid proposal
   */
  public static VersionedSignedProposal fromSsz(byte[] in) throws SszException {
    return fromSsz(in, 0, in.length);
  }

  /**
   * Decodes the proposal held in {@code in[from..to)} without copying the input first (offsets in
   * errors are absolute in {@code in}).
   *
   * @param in the buffer
   * @param from first byte of the payload
   * @param to end of the payload
   * @return the value
   * @throws SszException when the bytes are not a valid proposal
   */
  public static VersionedSignedProposal fromSsz(byte[] in, int from, int to)
      throws SszException {
    return FORMAT.fromSsz(LAYOUT, in, from, to);
  }

  /**
   * Parses Charon's JSON; {@code blinded} may be absent or null (false). For phase0 and altair,
   * which have no blinded blocks, the flag is kept (as the SSZ decoder keeps it) but the block is
   * the unblinded {@code SignedBeaconBlock}.
   *
   * @param json the text
   * @return the value
   * @throws JsonFormatException when it is not a valid proposal
   */
  public static VersionedSignedProposal fromJson(String json) throws JsonFormatException {
    return FORMAT.fromJson(json);
  }

  private static boolean blindedFromJson(JsonNode obj) throws JsonFormatException {
    JsonNode b = JsonText.property(obj, "blinded");
    if (b == null || b.isNull()) {
      return false;
    }
    if (!b.isBoolean()) {
      throw new JsonFormatException(TYPE, "blinded", "expected true or false");
    }
    return b.booleanValue();
  }

  /** The blinded flag: Go reads byte 8 == 1 as true and anything else as false. */
  private static final class BlindedByte implements VersionedFormat.ExtraBytes<Boolean> {
    @Override
    public Boolean read(byte[] in, int pos) {
      return in[pos] == 1;
    }

    @Override
    public void write(byte[] out, int pos, Boolean blinded) {
      out[pos] = (byte) (blinded ? 1 : 0);
    }
  }
}
