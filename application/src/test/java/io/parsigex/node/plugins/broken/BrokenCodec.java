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
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A deliberately broken codec plugin for the {@code signature} duty, packed into a plugin zip by
 * {@link io.parsigex.testsupport.PluginArtifacts#testPlugin} (never annotated {@code @Extension}, so
 * the node's class path does not pick it up). The payload text, or the JSON's {@code mode}, says
 * how it misbehaves: {@code refuse}, {@code throw}, {@code hang} in the codec itself;
 * {@code data-throws}, {@code data-hangs}, {@code bad-json}, {@code root-throws},
 * {@code encode-throws} in the values it produces; anything else is a well-behaved value.
 */
public class BrokenCodec implements SignedDataCodec {

  /** How long a hanging call sleeps: far longer than the call timeout the tests set. */
  public static final long HANG_MILLIS = 4_000;

  private static final Pattern MODE = Pattern.compile("\"mode\"\\s*:\\s*\"([a-z-]{1,32})\"");

  @Override
  public Set<DutyType> dutyTypes() {
    return Set.of(DutyType.SIGNATURE);
  }

  @Override
  public DecodedPayload decode(DutyType dutyType, byte[] bytes) throws CodecException {
    String mode = new String(bytes, StandardCharsets.UTF_8).strip();
    switch (mode) {
      case "refuse" -> throw new CodecException("not a broken payload");
      case "throw" -> throw new IllegalStateException("decode exploded");
      case "hang" -> hang();
      default -> { }
    }
    return new DecodedPayload(new BrokenData(mode), PayloadEncoding.CUSTOM);
  }

  @Override
  public EncodedPayload encode(DutyType dutyType, SignedData data) throws CodecException {
    if (!(data instanceof BrokenData b)) {
      throw new CodecException("not a broken value");
    }
    if (b.mode().equals("encode-throws")) {
      throw new IllegalStateException("encode exploded");
    }
    return new EncodedPayload(b.mode().getBytes(StandardCharsets.UTF_8), PayloadEncoding.CUSTOM);
  }

  @Override
  public SignedData fromJson(DutyType dutyType, String json) throws CodecException {
    Matcher m = MODE.matcher(json);
    if (!m.find()) {
      throw new CodecException("expected {\"mode\":\"…\"}");
    }
    return new BrokenData(m.group(1));
  }

  static void hang() {
    try {
      Thread.sleep(HANG_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * A value whose methods misbehave as its mode says.
   *
   * @param mode the mode
   */
  public record BrokenData(String mode) implements SignedData {

    @Override
    public String typeName() {
      if (mode.equals("data-hangs")) {
        hang();
      }
      return "BrokenData";
    }

    @Override
    public byte[] signature() {
      switch (mode) {
        case "sig-throws" -> throw new IllegalStateException("signature exploded");
        case "sig-hangs" -> hang();
        default -> { }
      }
      return new byte[96];
    }

    @Override
    public Optional<Eth2Signing> eth2Signing(long slotsPerEpoch) {
      if (mode.equals("root-throws")) {
        throw new ArithmeticException("root exploded");
      }
      if (mode.equals("root-hangs")) {
        hang();
      }
      return Optional.empty();
    }

    @Override
    public String toCharonJson() {
      return switch (mode) {
        case "data-throws" -> throw new IllegalStateException("toCharonJson exploded");
        case "bad-json" -> "{\"mode\": not json";
        case "json-hangs" -> {
          hang();
          yield "{\"mode\":\"json-hangs\"}";
        }
        default -> "{\"mode\":\"" + mode + "\"}";
      };
    }
  }
}
