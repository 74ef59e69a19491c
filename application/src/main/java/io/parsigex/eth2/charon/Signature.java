package io.parsigex.eth2.charon;

import io.parsigex.api.Eth2Signing;
import io.parsigex.api.PayloadEncoding;
import io.parsigex.eth2.ssz.Bytes;
import io.parsigex.eth2.ssz.JsonFormatException;
import io.parsigex.eth2.ssz.JsonText;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Charon's DKG {@code Signature}: raw bytes of any length, sent as a JSON string holding their
 * standard base64 (with padding), as Go's {@code json.Marshal([]byte)} writes it. It is not an
 * eth2 object, so {@link #eth2Signing(long)} is empty and a BLS verifier must refuse it.
 *
 * @param bytes the raw signature bytes
 */
public record Signature(Bytes bytes) implements CharonSignedData {
  /** Charon's type name. */
  public static final String TYPE = "Signature";

  /** Validates. */
  public Signature {
    Objects.requireNonNull(bytes, "bytes");
  }

  @Override
  public String typeName() {
    return TYPE;
  }

  @Override
  public byte[] signature() {
    return bytes.toArray();
  }

  @Override
  public Optional<Eth2Signing> eth2Signing(long slotsPerEpoch) {
    return Optional.empty();
  }

  @Override
  public String toCharonJson() {
    return "\"" + Base64.getEncoder().encodeToString(bytes.toArray()) + "\"";
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
   * Parses the JSON string of standard, padded base64.
   *
   * @param json the text
   * @return the value
   * @throws JsonFormatException when it is not such a string
   */
  public static Signature fromJson(String json) throws JsonFormatException {
    JsonNode n = JsonText.parse(TYPE, json);
    if (n.isNull()) {
      // Go's json.Unmarshal of null into a []byte leaves it empty without an error
      return new Signature(Bytes.EMPTY);
    }
    if (!n.isString()) {
      throw new JsonFormatException(TYPE, "", "expected a base64 string, got "
          + JsonText.describe(n));
    }
    String s = n.stringValue();
    if (s.length() % 4 != 0) {
      throw new JsonFormatException(TYPE, "", "base64 must be padded to a multiple of 4 "
          + "characters, got " + s.length());
    }
    try {
      return new Signature(Bytes.of(Base64.getDecoder().decode(s)));
    } catch (IllegalArgumentException e) {
      throw new JsonFormatException(TYPE, "", "not standard base64: " + e.getMessage());
    }
  }
}
