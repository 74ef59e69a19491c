package io.parsigex.eth2.charon;

import io.parsigex.api.Eth2Signing;
import io.parsigex.api.PayloadEncoding;
import io.parsigex.eth2.charon.VersionedFormat.Layout;
import io.parsigex.eth2.charon.VersionedFormat.NoExtra;
import io.parsigex.eth2.fork.Fork;
import io.parsigex.eth2.spec.ForkTypes;
import io.parsigex.eth2.ssz.JsonFormatException;
import io.parsigex.eth2.ssz.SszContainer;
import io.parsigex.eth2.ssz.SszException;
import java.util.Objects;
import java.util.Optional;

/**
 * Charon's {@code VersionedSignedAggregateAndProof}: phase0's {@code SignedAggregateAndProof}
 * until deneb, electra's after. SSZ: version, offset 12, inner (§3.4c).
 *
 * @param version the fork
 * @param aggregateAndProof the inner {@code SignedAggregateAndProof}
 */
public record VersionedSignedAggregateAndProof(Fork version, SszContainer aggregateAndProof)
    implements CharonSignedData {
  /** Charon's type name. */
  public static final String TYPE = "VersionedSignedAggregateAndProof";
  /** Version, offset 12, inner ({@code versionedOffset}). */
  private static final Layout<NoExtra> LAYOUT = new Layout<>("the versioned header",
      Wrappers.VERSIONED_HEADER, NoExtra.BYTES, false);
  private static final VersionedFormat<NoExtra, VersionedSignedAggregateAndProof> FORMAT =
      new VersionedFormat<>(TYPE, "aggregate_and_proof",
          (fork, none) -> ForkTypes.of(fork).signedAggregateAndProof(), NoExtra::fromJson,
          (fork, none, inner) -> new VersionedSignedAggregateAndProof(fork, inner));

  /** Validates. */
  public VersionedSignedAggregateAndProof {
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(aggregateAndProof, "aggregateAndProof");
    if (aggregateAndProof.type() != ForkTypes.of(version).signedAggregateAndProof()) {
      throw new IllegalArgumentException(TYPE + " " + version.label() + " carries the "
          + (version.isAtLeast(Fork.ELECTRA) ? "electra" : "phase0") + " SignedAggregateAndProof");
    }
  }

  @Override
  public String typeName() {
    return TYPE;
  }

  @Override
  public byte[] signature() {
    return aggregateAndProof.bytes("signature").toArray();
  }

  @Override
  public Optional<Eth2Signing> eth2Signing(long slotsPerEpoch) {
    return SignedAggregateAndProof.signing(aggregateAndProof, slotsPerEpoch);
  }

  @Override
  public String toCharonJson() {
    return "{\"version\":" + DataVersion.of(version) + ",\"aggregate_and_proof\":"
        + aggregateAndProof.toJson() + "}";
  }

  @Override
  public PayloadEncoding wireEncoding() {
    return PayloadEncoding.SSZ;
  }

  @Override
  public Optional<byte[]> toSsz() {
    return Optional.of(FORMAT.toSsz(LAYOUT, version, NoExtra.NONE, aggregateAndProof));
  }

  /**
   * Decodes as Go does: {@code len >= 12}, a known version, {@code 12 <= offset <= len}.
   *
   * @param in the payload
   * @return the value
   * @throws SszException when invalid
   */
  public static VersionedSignedAggregateAndProof fromSsz(byte[] in) throws SszException {
    return FORMAT.fromSsz(LAYOUT, in, 0, in.length);
  }

  /**
   * Parses Charon's JSON.
   *
   * @param json the text
   * @return the value
   * @throws JsonFormatException when invalid
   */
  public static VersionedSignedAggregateAndProof fromJson(String json)
      throws JsonFormatException {
    return FORMAT.fromJson(json);
  }
}
