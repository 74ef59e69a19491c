package io.parsigex.plugins.example;

import io.parsigex.api.CodecException;
import io.parsigex.api.DecodedPayload;
import io.parsigex.api.DutyType;
import io.parsigex.api.EncodedPayload;
import io.parsigex.api.PayloadEncoding;
import io.parsigex.api.SignedData;
import io.parsigex.api.SignedDataCodec;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import org.pf4j.Extension;

/**
 * The example codec: carries a JSON {@link SignedMessage}, {@code {"message":"…","signature":"0x…"}},
 * for the {@code signature} duty, overriding the node's built-in codec for that duty by priority.
 * Stateless; malformed input is always a {@link CodecException}.
 */
@Extension
public final class SignedMessageCodec implements SignedDataCodec {

  /** Priority above the built-in codec's. */
  public static final int PRIORITY = BUILT_IN_PRIORITY + 10;

  /** Largest payload accepted. */
  public static final int MAX_PAYLOAD_BYTES = 8 * 1024;

  @Override
  public Set<DutyType> dutyTypes() {
    return Set.of(DutyType.SIGNATURE);
  }

  @Override
  public int priority() {
    return PRIORITY;
  }

  @Override
  public DecodedPayload decode(DutyType dutyType, byte[] bytes) throws CodecException {
    requireDuty(dutyType);
    if (bytes == null || bytes.length > MAX_PAYLOAD_BYTES) {
      throw new CodecException("a SignedMessage payload has at most " + MAX_PAYLOAD_BYTES
          + " bytes, got " + (bytes == null ? "none" : bytes.length));
    }
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw new CodecException("a SignedMessage payload is UTF-8 JSON", e);
    }
    return new DecodedPayload(fromJson(dutyType, text), PayloadEncoding.CUSTOM);
  }

  @Override
  public EncodedPayload encode(DutyType dutyType, SignedData data) throws CodecException {
    requireDuty(dutyType);
    if (!(data instanceof SignedMessage m)) {
      throw new CodecException("the example codec encodes SignedMessage, not "
          + (data == null ? "null" : data.typeName()));
    }
    return new EncodedPayload(m.toCharonJson().getBytes(StandardCharsets.UTF_8),
        PayloadEncoding.CUSTOM);
  }

  @Override
  public SignedData fromJson(DutyType dutyType, String json) throws CodecException {
    requireDuty(dutyType);
    if (json == null) {
      throw new CodecException("a SignedMessage is required");
    }
    Map<String, String> fields = MiniJson.readStringObject(json);
    if (!fields.keySet().equals(Set.of("message", "signature"))) {
      throw new CodecException("a SignedMessage has exactly the fields message and signature, got "
          + fields.keySet());
    }
    String sig = fields.get("signature");
    if (!sig.startsWith("0x") || sig.length() != 2 + 2 * SignedMessage.SIGNATURE_LENGTH) {
      throw new CodecException("signature must be 0x followed by 192 hex characters");
    }
    try {
      return new SignedMessage(fields.get("message"), HexFormat.of().parseHex(sig, 2, sig.length()));
    } catch (IllegalArgumentException e) {
      throw new CodecException("invalid SignedMessage: " + e.getMessage(), e);
    }
  }

  private static void requireDuty(DutyType dutyType) throws CodecException {
    if (dutyType != DutyType.SIGNATURE) {
      throw new CodecException("the example codec handles the signature duty only, not " + dutyType);
    }
  }
}
