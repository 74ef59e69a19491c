package io.parsigex.eth2.charon;

import io.parsigex.api.Eth2Signing;
import io.parsigex.api.PayloadEncoding;
import io.parsigex.api.SigningDomain;
import io.parsigex.eth2.fork.Fork;
import io.parsigex.eth2.spec.ForkTypes;
import io.parsigex.eth2.ssz.ContainerType;
import io.parsigex.eth2.ssz.JsonFormatException;
import io.parsigex.eth2.ssz.SszContainer;
import io.parsigex.eth2.ssz.SszException;
import java.util.Objects;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Charon's {@code VersionedSignedProposal}: a signed block of some fork, blinded or not, with the
 * blobs and KZG proofs for deneb and later unblinded blocks. SSZ wrapper: version {@code uint64},
 * blinded byte, offset 13, inner object (protocol-reference §3.4a).
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
    int h = Wrappers.BLINDED_HEADER;
    int n = block.type().serializedSize(block);
    byte[] out = Wrappers.header(h, version, n);
    out[Wrappers.VERSION_SIZE] = (byte) (blinded ? 1 : 0);
    block.type().serializeInto(block, out, h);
    return Optional.of(out);
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
    int len = to - from;
    if (len < Wrappers.BLINDED_HEADER) {
      throw new SszException(TYPE, "", from, "needs at least a " + Wrappers.BLINDED_HEADER
          + "-byte header, got " + len + " bytes");
    }
    Fork fork = Wrappers.version(TYPE, in, from);
    boolean blinded = in[from + Wrappers.VERSION_SIZE] == 1;
    int offsetPos = from + Wrappers.VERSION_SIZE + 1;
    long o = Wrappers.readUint32(in, offsetPos);
    if (o < Wrappers.BLINDED_HEADER || o > len) {
      throw new SszException(SszException.Kind.OFFSET, TYPE, "offset", offsetPos, "offset " + o
          + " must lie between the header size " + Wrappers.BLINDED_HEADER + " and the length "
          + len);
    }
    ContainerType inner = innerType(fork, blinded);
    try {
      return new VersionedSignedProposal(fork, blinded, inner.decode(in, from + (int) o, to));
    } catch (SszException e) {
      throw e.within(TYPE, "block");
    }
  }

  /**
   * Parses Charon's JSON.
   *
   * @param json the text
   * @return the value
   * @throws JsonFormatException when it is not a valid proposal
   */
  public static VersionedSignedProposal fromJson(String json) throws JsonFormatException {
    JsonNode obj = CharonJson.object(TYPE, json);
    Fork fork = CharonJson.version(TYPE, obj);
    JsonNode b = io.parsigex.eth2.ssz.JsonText.property(obj, "blinded");
    boolean blinded = false;
    if (b != null && !b.isNull()) {
      if (!b.isBoolean()) {
        throw new JsonFormatException(TYPE, "blinded", "expected true or false");
      }
      blinded = b.booleanValue();
    }
    // phase0 and altair have no blinded blocks: the flag is kept (as the SSZ decoder keeps it)
    // but the block is the unblinded SignedBeaconBlock
    ContainerType inner = innerType(fork, blinded);
    SszContainer block = CharonJson.inner(TYPE, "block", inner::readJson,
        CharonJson.required(TYPE, obj, "block"));
    return new VersionedSignedProposal(fork, blinded, block);
  }
}
