package io.parsigex.eth2.charon;

import io.parsigex.api.CodecException;
import io.parsigex.api.DecodedPayload;
import io.parsigex.api.DutyType;
import io.parsigex.api.EncodedPayload;
import io.parsigex.api.PayloadEncoding;
import io.parsigex.api.SignedData;
import io.parsigex.api.SignedDataCodec;
import io.parsigex.eth2.ssz.Eth2FormatException;
import io.parsigex.eth2.ssz.JsonFormatException;
import io.parsigex.eth2.ssz.PayloadTypeException;
import io.parsigex.eth2.ssz.SszException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The built-in codec of one duty type, decoding as Go Charon's {@code core/proto.go} does: for each
 * carried type in Go's order, SSZ first (if the type has SSZ), then JSON only when the trimmed
 * bytes start with an opening brace ({@code 0x7B}). Stateless and thread-safe.
 */
public final class DutyCodec implements SignedDataCodec {
  private final DutyType duty;
  private final List<Carried<?>> carried;
  private final int reported;

  /**
   * Creates the codec.
   *
   * @param duty the duty
   * @param carried the types, in Go's decode order
   * @param reported which type's error to report when none decodes (the one current Charon
   *     sends); the others' errors are attached as suppressed exceptions
   */
  DutyCodec(DutyType duty, List<Carried<?>> carried, int reported) {
    this.duty = Objects.requireNonNull(duty, "duty");
    if (carried.isEmpty() || reported < 0 || reported >= carried.size()) {
      throw new IllegalArgumentException("duty " + duty + " needs a carried type to report");
    }
    this.carried = List.copyOf(carried);
    this.reported = reported;
  }

  /**
   * The duty this codec handles.
   *
   * @return the duty type
   */
  public DutyType duty() {
    return duty;
  }

  @Override
  public Set<DutyType> dutyTypes() {
    return Set.of(duty);
  }

  @Override
  public int priority() {
    return BUILT_IN_PRIORITY;
  }

  @Override
  public DecodedPayload decode(DutyType dutyType, byte[] bytes) throws CodecException {
    requireDuty(dutyType);
    if (bytes == null) {
      throw new PayloadTypeException(duty.charonName(), "no payload bytes");
    }
    Eth2FormatException[] errors = new Eth2FormatException[carried.size()];
    for (int i = 0; i < carried.size(); i++) {
      try {
        return carried.get(i).decode(bytes);
      } catch (Eth2FormatException e) {
        errors[i] = e;
      }
    }
    throw report(errors);
  }

  private <E extends Eth2FormatException> E report(E[] errors) {
    E main = errors[reported];
    for (int i = 0; i < errors.length; i++) {
      if (i != reported) {
        main.addSuppressed(errors[i]);
      }
    }
    return main;
  }

  @Override
  public EncodedPayload encode(DutyType dutyType, SignedData data) throws CodecException {
    requireDuty(dutyType);
    for (Carried<?> c : carried) {
      if (c.type().isInstance(data)) {
        CharonSignedData d = (CharonSignedData) data;
        return new EncodedPayload(d.toWire(), d.wireEncoding());
      }
    }
    throw new PayloadTypeException(data == null ? "null" : data.typeName(), "duty "
        + duty.charonName() + " carries " + names() + ", not this type");
  }

  @Override
  public SignedData fromJson(DutyType dutyType, String json) throws CodecException {
    requireDuty(dutyType);
    JsonFormatException[] errors = new JsonFormatException[carried.size()];
    for (int i = 0; i < carried.size(); i++) {
      try {
        return carried.get(i).json().parse(json);
      } catch (JsonFormatException e) {
        errors[i] = e;
      }
    }
    throw report(errors);
  }

  private void requireDuty(DutyType dutyType) throws PayloadTypeException {
    if (dutyType != duty) {
      throw new PayloadTypeException(String.valueOf(dutyType), "the built-in codec for "
          + duty.charonName() + " was asked to handle duty " + dutyType);
    }
  }

  private String names() {
    StringBuilder sb = new StringBuilder();
    for (Carried<?> c : carried) {
      sb.append(sb.length() == 0 ? "" : " or ").append(c.type().getSimpleName());
    }
    return sb.toString();
  }

  @Override
  public String toString() {
    return "DutyCodec[" + duty.charonName() + ": " + names() + "]";
  }

  /** Decodes SSZ bytes into a value. */
  @FunctionalInterface
  interface SszReader<T> {
    T read(byte[] in) throws SszException;
  }

  /** Parses JSON text into a value. */
  @FunctionalInterface
  interface JsonParser<T> {
    T parse(String json) throws JsonFormatException;
  }

  /**
   * One type a duty carries.
   *
   * @param type the value class
   * @param ssz its SSZ decoder, or null when Go gives the type no SSZ unmarshaller
   * @param json its JSON parser
   */
  record Carried<T extends CharonSignedData>(Class<T> type, SszReader<T> ssz,
      JsonParser<T> json) {

    /** A single-container type Go decodes as SSZ first, then as JSON. */
    static <T extends ContainerSignedData> Carried<T> sszThenJson(Class<T> type,
        ContainerFormat<T> format) {
      return new Carried<>(type, format::fromSsz, format::fromJson);
    }

    /** A single-container type Go decodes only as JSON (no SSZ unmarshaller in Go). */
    static <T extends ContainerSignedData> Carried<T> jsonOnly(Class<T> type,
        ContainerFormat<T> format) {
      return new Carried<>(type, null, format::fromJson);
    }

    DecodedPayload decode(byte[] bytes) throws Eth2FormatException {
      if (ssz != null) {
        try {
          return new DecodedPayload(ssz.read(bytes), PayloadEncoding.SSZ);
        } catch (SszException e) {
          if (!GoBytes.trimmedStartsWithBrace(bytes)) {
            throw e;
          }
        }
      }
      return new DecodedPayload(json.parse(new String(bytes, StandardCharsets.UTF_8)),
          PayloadEncoding.JSON);
    }
  }
}
