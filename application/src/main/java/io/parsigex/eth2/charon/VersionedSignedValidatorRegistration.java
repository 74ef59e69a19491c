package io.parsigex.eth2.charon;

import io.parsigex.api.Eth2Signing;
import io.parsigex.api.PayloadEncoding;
import io.parsigex.api.SigningDomain;
import io.parsigex.eth2.ssz.JsonFormatException;
import io.parsigex.eth2.ssz.JsonText;
import io.parsigex.eth2.ssz.SszContainer;
import java.util.Objects;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Charon's {@code VersionedSignedValidatorRegistration}: a builder registration, builder version
 * v1 only. JSON on the wire: {@code {"version":0,"registration":{"message":…,"signature":…}}}.
 * Signed under the builder (genesis) domain at epoch 0.
 *
 * @param registration the {@code SignedValidatorRegistrationV1}
 */
public record VersionedSignedValidatorRegistration(SszContainer registration)
    implements CharonSignedData {
  /** Charon's type name. */
  public static final String TYPE = "VersionedSignedValidatorRegistration";
  /** {@code BuilderVersionV1}, the only builder version. */
  public static final int BUILDER_VERSION_V1 = 0;

  /** Validates. */
  public VersionedSignedValidatorRegistration {
    Objects.requireNonNull(registration, "registration");
    CharonContainers.SIGNED_VALIDATOR_REGISTRATION_V1.check(registration);
  }

  @Override
  public String typeName() {
    return TYPE;
  }

  @Override
  public byte[] signature() {
    return registration.bytes("signature").toArray();
  }

  @Override
  public Optional<Eth2Signing> eth2Signing(long slotsPerEpoch) {
    return Optional.of(new Eth2Signing(SigningDomain.APPLICATION_BUILDER, 0,
        registration.container("message").hashTreeRoot()));
  }

  @Override
  public String toCharonJson() {
    return "{\"version\":" + BUILDER_VERSION_V1 + ",\"registration\":" + registration.toJson()
        + "}";
  }

  @Override
  public PayloadEncoding wireEncoding() {
    return PayloadEncoding.JSON;
  }

  @Override
  public Optional<byte[]> toSsz() {
    return Optional.empty();
  }

  /**
   * Parses Charon's JSON; the version must be 0 (v1), or absent (Go's zero value).
   *
   * @param json the text
   * @return the value
   * @throws JsonFormatException when invalid
   */
  public static VersionedSignedValidatorRegistration fromJson(String json)
      throws JsonFormatException {
    JsonNode obj = CharonJson.object(TYPE, json);
    JsonNode v = JsonText.property(obj, "version");
    if (v != null && !v.isNull()
        && !(v.isIntegralNumber() && v.canConvertToInt() && v.intValue() == BUILDER_VERSION_V1)) {
      throw new JsonFormatException(TYPE, "version", "unknown builder version "
          + JsonText.describe(v) + " (only v1 = 0 exists)");
    }
    return new VersionedSignedValidatorRegistration(CharonJson.inner(TYPE, "registration",
        CharonContainers.SIGNED_VALIDATOR_REGISTRATION_V1::readJson,
        CharonJson.required(TYPE, obj, "registration")));
  }
}
