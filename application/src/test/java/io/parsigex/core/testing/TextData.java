package io.parsigex.core.testing;

import io.parsigex.api.CodecException;
import io.parsigex.api.DecodedPayload;
import io.parsigex.api.DutyType;
import io.parsigex.api.EncodedPayload;
import io.parsigex.api.Eth2Signing;
import io.parsigex.api.PayloadEncoding;
import io.parsigex.api.SignedData;
import io.parsigex.api.SignedDataCodec;
import io.parsigex.api.SigningDomain;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/** A tiny signed payload for core tests: "text|hexsig" bytes, randao domain, root = sha256(text). */
public record TextData(String text, byte[] sig) implements SignedData {

  @Override
  public String typeName() {
    return "TextData";
  }

  @Override
  public byte[] signature() {
    return sig.clone();
  }

  @Override
  public Optional<Eth2Signing> eth2Signing(long slotsPerEpoch) {
    try {
      byte[] root = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return Optional.of(new Eth2Signing(SigningDomain.RANDAO, 1, root));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public String toCharonJson() {
    return "{\"text\":\"" + text + "\"}";
  }

  /** The codec for every duty type. */
  public static final class Codec implements SignedDataCodec {
    @Override
    public Set<DutyType> dutyTypes() {
      return EnumSet.range(DutyType.PROPOSER, DutyType.SYNC_CONTRIBUTION);
    }

    @Override
    public DecodedPayload decode(DutyType dutyType, byte[] bytes) throws CodecException {
      String s = new String(bytes, StandardCharsets.UTF_8);
      int bar = s.indexOf('|');
      if (bar < 0) {
        throw new CodecException("no '|' in TextData payload");
      }
      return new DecodedPayload(new TextData(s.substring(0, bar),
          java.util.HexFormat.of().parseHex(s.substring(bar + 1))), PayloadEncoding.CUSTOM);
    }

    @Override
    public EncodedPayload encode(DutyType dutyType, SignedData data) throws CodecException {
      if (!(data instanceof TextData t)) {
        throw new CodecException("not TextData");
      }
      return new EncodedPayload((t.text + "|" + java.util.HexFormat.of().formatHex(t.sig))
          .getBytes(StandardCharsets.UTF_8), PayloadEncoding.CUSTOM);
    }

    @Override
    public SignedData fromJson(DutyType dutyType, String json) throws CodecException {
      throw new CodecException("unsupported");
    }
  }
}
