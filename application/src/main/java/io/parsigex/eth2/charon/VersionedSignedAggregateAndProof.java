package io.parsigex.eth2.charon;

import io.parsigex.api.Eth2Signing;
import io.parsigex.api.PayloadEncoding;
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
    int h = Wrappers.VERSIONED_HEADER;
    byte[] out = Wrappers.header(h, version,
        aggregateAndProof.type().serializedSize(aggregateAndProof));
    aggregateAndProof.type().serializeInto(aggregateAndProof, out, h);
    return Optional.of(out);
  }

  /**
   * Decodes as Go does: {@code len >= 12}, a known version, {@code 12 <= offset <= len}.
   *
   * @param in the payload
   * @return the value
   * @throws SszException when invalid
   */
  public static VersionedSignedAggregateAndProof fromSsz(byte[] in) throws SszException {
    Wrappers.requireSize(TYPE, in, Wrappers.VERSIONED_HEADER);
    Fork fork = Wrappers.version(TYPE, in, 0);
    int o = Wrappers.lenientOffset(TYPE, in, Wrappers.VERSION_SIZE, Wrappers.VERSIONED_HEADER);
    try {
      return new VersionedSignedAggregateAndProof(fork,
          ForkTypes.of(fork).signedAggregateAndProof().decode(in, o, in.length));
    } catch (SszException e) {
      throw e.within(TYPE, "aggregate_and_proof");
    }
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
    JsonNode obj = CharonJson.object(TYPE, json);
    Fork fork = CharonJson.version(TYPE, obj);
    ContainerType inner = ForkTypes.of(fork).signedAggregateAndProof();
    return new VersionedSignedAggregateAndProof(fork, CharonJson.inner(TYPE,
        "aggregate_and_proof", inner::readJson,
        CharonJson.required(TYPE, obj, "aggregate_and_proof")));
  }
}
