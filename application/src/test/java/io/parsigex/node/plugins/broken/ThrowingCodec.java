package io.parsigex.node.plugins.broken;

import io.parsigex.api.CodecException;
import io.parsigex.api.DecodedPayload;
import io.parsigex.api.DutyType;
import io.parsigex.api.EncodedPayload;
import io.parsigex.api.Eth2Signing;
import io.parsigex.api.PayloadEncoding;
import io.parsigex.api.SignedData;
import io.parsigex.api.SignedDataCodec;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;

/**
 * A codec plugin for the {@code exit} duty (priority 10, ahead of any built-in) whose decode throws
 * on payloads that start with {@code boom}; other payloads are {@code text|hex signature}. Packed
 * into a plugin zip by the tests (never annotated {@code @Extension}); senders use it directly.
 */
public class ThrowingCodec implements SignedDataCodec {

  /**
   * The value this codec produces.
   *
   * @param text the payload text
   * @param sig the signature bytes
   */
  public record Value(String text, byte[] sig) implements SignedData {
    @Override
    public String typeName() {
      return "ThrowingCodecValue";
    }

    @Override
    public byte[] signature() {
      return sig.clone();
    }

    @Override
    public Optional<Eth2Signing> eth2Signing(long slotsPerEpoch) {
      return Optional.empty();
    }

    @Override
    public String toCharonJson() {
      return "{\"text\":\"" + text + "\"}";
    }
  }

  @Override
  public Set<DutyType> dutyTypes() {
    return Set.of(DutyType.EXIT);
  }

  @Override
  public int priority() {
    return 10;
  }

  @Override
  public DecodedPayload decode(DutyType dutyType, byte[] bytes) throws CodecException {
    String s = new String(bytes, StandardCharsets.UTF_8);
    if (s.startsWith("boom")) {
      throw new IllegalStateException("decode exploded");
    }
    int bar = s.indexOf('|');
    if (bar < 0) {
      throw new CodecException("no '|' in the payload");
    }
    return new DecodedPayload(new Value(s.substring(0, bar),
        HexFormat.of().parseHex(s.substring(bar + 1))), PayloadEncoding.CUSTOM);
  }

  @Override
  public EncodedPayload encode(DutyType dutyType, SignedData data) throws CodecException {
    if (!(data instanceof Value v)) {
      throw new CodecException("not a ThrowingCodec value");
    }
    return new EncodedPayload((v.text() + "|" + HexFormat.of().formatHex(v.sig()))
        .getBytes(StandardCharsets.UTF_8), PayloadEncoding.CUSTOM);
  }

  @Override
  public SignedData fromJson(DutyType dutyType, String json) throws CodecException {
    throw new CodecException("not supported");
  }
}
