package io.parsigex.eth2.charon;

import io.parsigex.api.Eth2Signing;
import io.parsigex.api.PayloadEncoding;
import io.parsigex.eth2.fork.Fork;
import io.parsigex.eth2.spec.ForkTypes;
import io.parsigex.eth2.ssz.ContainerType;
import io.parsigex.eth2.ssz.JsonFormatException;
import io.parsigex.eth2.ssz.JsonText;
import io.parsigex.eth2.ssz.SszContainer;
import io.parsigex.eth2.ssz.SszException;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import tools.jackson.databind.JsonNode;

/**
 * Charon's {@code VersionedAttestation}: an attestation of some fork (phase0's container until
 * deneb, electra's after) with an optional validator index. SSZ: the 20-byte header with the
 * index when present, else the legacy 12-byte header (§3.4b/c).
 *
 * @param version the fork
 * @param validatorIndex the validator index, if known (unsigned)
 * @param attestation the inner {@code Attestation}
 */
public record VersionedAttestation(Fork version, OptionalLong validatorIndex,
    SszContainer attestation) implements CharonSignedData {
  /** Charon's type name. */
  public static final String TYPE = "VersionedAttestation";

  /** Validates. */
  public VersionedAttestation {
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(validatorIndex, "validatorIndex");
    Objects.requireNonNull(attestation, "attestation");
    ContainerType want = ForkTypes.of(version).attestation();
    if (attestation.type() != want) {
      throw new IllegalArgumentException(TYPE + " " + version.label()
          + " carries the " + (version.isAtLeast(Fork.ELECTRA) ? "electra" : "phase0")
          + " Attestation");
    }
  }

  @Override
  public String typeName() {
    return TYPE;
  }

  @Override
  public byte[] signature() {
    return attestation.bytes("signature").toArray();
  }

  @Override
  public Optional<Eth2Signing> eth2Signing(long slotsPerEpoch) {
    return Attestation.signing(attestation);
  }

  @Override
  public String toCharonJson() {
    StringBuilder sb = new StringBuilder("{\"version\":").append(DataVersion.of(version))
        .append(",\"validator_index\":");
    if (validatorIndex.isPresent()) {
      sb.append('"').append(Long.toUnsignedString(validatorIndex.getAsLong())).append('"');
    } else {
      sb.append("null");
    }
    sb.append(",\"attestation\":");
    attestation.type().writeJson(attestation, sb);
    return sb.append('}').toString();
  }

  @Override
  public PayloadEncoding wireEncoding() {
    return PayloadEncoding.SSZ;
  }

  @Override
  public Optional<byte[]> toSsz() {
    int h = validatorIndex.isPresent() ? Wrappers.VALIDATOR_INDEX_HEADER
        : Wrappers.VERSIONED_HEADER;
    byte[] out = Wrappers.header(h, version, attestation.type().serializedSize(attestation));
    if (validatorIndex.isPresent()) {
      Wrappers.writeUint64(out, Wrappers.VERSION_SIZE, validatorIndex.getAsLong());
    }
    attestation.type().serializeInto(attestation, out, h);
    return Optional.of(out);
  }

  /**
   * Decodes as Go does: first the 20-byte layout (length at least 20 and offset exactly 20);
   * only if that fails with an offset error, the 12-byte layout ({@code 12 <= offset <= len}).
   *
   * @param in the payload
   * @return the value
   * @throws SszException when neither layout decodes
   */
  public static VersionedAttestation fromSsz(byte[] in) throws SszException {
    Wrappers.requireSize(TYPE, in, Wrappers.VALIDATOR_INDEX_HEADER);
    try {
      return withIndex(in);
    } catch (SszException e) {
      if (e.kind() != SszException.Kind.OFFSET) {
        throw e;
      }
    }
    return withoutIndex(in);
  }

  private static VersionedAttestation withIndex(byte[] in) throws SszException {
    Fork fork = Wrappers.version(TYPE, in, 0);
    long index = Wrappers.readUint64(in, Wrappers.VERSION_SIZE);
    long o = Wrappers.readUint32(in, 2 * Wrappers.VERSION_SIZE);
    if (o != Wrappers.VALIDATOR_INDEX_HEADER) {
      throw new SszException(SszException.Kind.OFFSET, TYPE, "offset", 16, "offset " + o
          + " is not 20 (the header with a validator index)");
    }
    return new VersionedAttestation(fork, OptionalLong.of(index), decodeInner(fork, in, (int) o));
  }

  private static VersionedAttestation withoutIndex(byte[] in) throws SszException {
    Fork fork = Wrappers.version(TYPE, in, 0);
    int o = Wrappers.lenientOffset(TYPE, in, Wrappers.VERSION_SIZE, Wrappers.VERSIONED_HEADER);
    return new VersionedAttestation(fork, OptionalLong.empty(), decodeInner(fork, in, o));
  }

  private static SszContainer decodeInner(Fork fork, byte[] in, int o) throws SszException {
    try {
      return ForkTypes.of(fork).attestation().decode(in, o, in.length);
    } catch (SszException e) {
      throw e.within(TYPE, "attestation");
    }
  }

  /**
   * Parses Charon's JSON; {@code validator_index} may be null or absent.
   *
   * @param json the text
   * @return the value
   * @throws JsonFormatException when it is not a valid versioned attestation
   */
  public static VersionedAttestation fromJson(String json) throws JsonFormatException {
    JsonNode obj = CharonJson.object(TYPE, json);
    Fork fork = CharonJson.version(TYPE, obj);
    JsonNode vi = JsonText.property(obj, "validator_index");
    OptionalLong index = OptionalLong.empty();
    if (vi != null && !vi.isNull()) {
      index = OptionalLong.of(CharonJson.inner(TYPE, "validator_index",
          n -> JsonText.readUint(TYPE, n, Long.SIZE), vi));
    }
    ContainerType inner = ForkTypes.of(fork).attestation();
    SszContainer att = CharonJson.inner(TYPE, "attestation", inner::readJson,
        CharonJson.required(TYPE, obj, "attestation"));
    return new VersionedAttestation(fork, index, att);
  }
}
