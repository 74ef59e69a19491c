package io.parsigex.eth2.charon;

import io.parsigex.api.Eth2Signing;
import io.parsigex.api.PayloadEncoding;
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
  /** Version, validator index, offset exactly 20, inner ({@code versionedValIdxOffset}). */
  private static final Layout<OptionalLong> WITH_INDEX = new Layout<>(
      "the header with a validator index", Wrappers.VALIDATOR_INDEX_HEADER, new IndexBytes(),
      true);
  /** Version, offset 12, inner: the legacy layout, read when the offset is not 20. */
  private static final Layout<OptionalLong> WITHOUT_INDEX = new Layout<>(
      "the versioned header", Wrappers.VERSIONED_HEADER, new NoIndexBytes(), false);
  private static final VersionedFormat<OptionalLong, VersionedAttestation> FORMAT =
      new VersionedFormat<>(TYPE, "attestation", (fork, index) -> ForkTypes.of(fork).attestation(),
          VersionedAttestation::indexFromJson, VersionedAttestation::new);

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
    Layout<OptionalLong> layout = validatorIndex.isPresent() ? WITH_INDEX : WITHOUT_INDEX;
    return Optional.of(FORMAT.toSsz(layout, version, validatorIndex, attestation));
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
      return FORMAT.fromSsz(WITH_INDEX, in, 0, in.length);
    } catch (SszException e) {
      if (e.kind() != SszException.Kind.OFFSET) {
        throw e;
      }
    }
    return FORMAT.fromSsz(WITHOUT_INDEX, in, 0, in.length);
  }

  /**
   * Parses Charon's JSON; {@code validator_index} may be null or absent.
   *
   * @param json the text
   * @return the value
   * @throws JsonFormatException when it is not a valid versioned attestation
   */
  public static VersionedAttestation fromJson(String json) throws JsonFormatException {
    return FORMAT.fromJson(json);
  }

  private static OptionalLong indexFromJson(JsonNode obj) throws JsonFormatException {
    JsonNode vi = JsonText.property(obj, "validator_index");
    if (vi == null || vi.isNull()) {
      return OptionalLong.empty();
    }
    return OptionalLong.of(CharonJson.inner(TYPE, "validator_index",
        n -> JsonText.readUint(TYPE, n, Long.SIZE), vi));
  }

  /** The validator index {@code uint64} of the 20-byte header. */
  private static final class IndexBytes implements VersionedFormat.ExtraBytes<OptionalLong> {
    @Override
    public OptionalLong read(byte[] in, int pos) {
      return OptionalLong.of(Wrappers.readUint64(in, pos));
    }

    @Override
    public void write(byte[] out, int pos, OptionalLong index) {
      Wrappers.writeUint64(out, pos, index.orElseThrow());
    }
  }

  /** The legacy 12-byte header, which has no index. */
  private static final class NoIndexBytes implements VersionedFormat.ExtraBytes<OptionalLong> {
    @Override
    public OptionalLong read(byte[] in, int pos) {
      return OptionalLong.empty();
    }

    @Override
    public void write(byte[] out, int pos, OptionalLong index) {
      // the legacy header holds only the version and the offset
    }
  }
}
