package io.parsigex.core.codec;

import io.parsigex.api.CodecException;
import io.parsigex.api.DecodedPayload;
import io.parsigex.api.DutyType;
import io.parsigex.api.EncodedPayload;
import io.parsigex.api.SignedData;
import io.parsigex.api.SignedDataCodec;
import io.parsigex.eth2.charon.CharonSignedData;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Picks the codec for each duty type: of all codecs that handle a type, the one with the highest
 * {@link SignedDataCodec#priority()} wins (plugin codecs override built-ins by priority). Immutable.
 */
public final class CodecRegistry {

  private final Map<DutyType, SignedDataCodec> byType;

  private CodecRegistry(Map<DutyType, SignedDataCodec> byType) {
    this.byType = byType;
  }

  /**
   * Builds the registry. For equal priorities the codec listed first wins, so list built-ins last.
   *
   * @param codecs every available codec
   * @return the registry
   * @throws IllegalArgumentException if a codec declares no duty type
   */
  public static CodecRegistry of(Collection<? extends SignedDataCodec> codecs) {
    List<SignedDataCodec> ordered = new ArrayList<>(codecs);
    // Stable sort: highest priority first, list order among equals.
    ordered.sort(Comparator.comparingInt(SignedDataCodec::priority).reversed());
    Map<DutyType, SignedDataCodec> byType = new EnumMap<>(DutyType.class);
    for (SignedDataCodec codec : ordered) {
      if (codec.dutyTypes() == null || codec.dutyTypes().isEmpty()) {
        throw new IllegalArgumentException(
            "codec " + codec.getClass().getName() + " declares no duty type");
      }
      for (DutyType t : codec.dutyTypes()) {
        byType.putIfAbsent(t, codec);
      }
    }
    return new CodecRegistry(byType);
  }

  /**
   * The codec that handles a duty type.
   *
   * @param type the duty type
   * @return the winning codec, or empty when none handles it
   */
  public Optional<SignedDataCodec> codecFor(DutyType type) {
    return Optional.ofNullable(byType.get(type));
  }

  /**
   * Decodes a payload with the winning codec.
   *
   * @param type the duty type
   * @param bytes the payload
   * @return the decoded value
   * @throws CodecException when no codec handles the type or the bytes do not decode
   */
  public DecodedPayload decode(DutyType type, byte[] bytes) throws CodecException {
    return decode(type, bytes, "");
  }

  /**
   * Decodes a payload a peer sent with the winning codec; a {@link SenderAwareCodec} is told the
   * peer (its failures then count against that peer's breaker only).
   *
   * @param type the duty type
   * @param bytes the payload
   * @param senderPeerId the sending peer; empty for none
   * @return the decoded value
   * @throws CodecException when no codec handles the type or the bytes do not decode
   */
  public DecodedPayload decode(DutyType type, byte[] bytes, String senderPeerId)
      throws CodecException {
    SignedDataCodec codec = require(type);
    DecodedPayload decoded;
    try {
      decoded = codec instanceof SenderAwareCodec aware && !senderPeerId.isEmpty()
          ? aware.decode(type, bytes, senderPeerId) : codec.decode(type, bytes);
    } catch (CodecException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new CodecException(
          "codec " + codec.getClass().getSimpleName() + " failed on a " + type + " payload: " + e, e);
    }
    if (decoded == null) {
      throw new CodecException(
          "codec " + codec.getClass().getSimpleName() + " returned nothing for a " + type + " payload");
    }
    return decoded;
  }

  /**
   * Encodes a value with the winning codec.
   *
   * @param type the duty type
   * @param data the value
   * @return the wire bytes
   * @throws CodecException when no codec handles the type or the value cannot be encoded
   */
  public EncodedPayload encode(DutyType type, SignedData data) throws CodecException {
    SignedDataCodec codec = require(type);
    try {
      EncodedPayload out = codec.encode(type, data);
      if (out == null) {
        throw new CodecException("codec " + codec.getClass().getSimpleName() + " encoded nothing");
      }
      return out;
    } catch (RuntimeException e) {
      throw new CodecException("codec " + codec.getClass().getSimpleName() + " failed to encode a "
          + type + " value: " + e, e);
    }
  }

  /**
   * Parses a value from Charon JSON with the winning codec.
   *
   * @param type the duty type
   * @param json the JSON text
   * @return the value
   * @throws CodecException when no codec handles the type or the JSON is not a valid value
   */
  public SignedData fromJson(DutyType type, String json) throws CodecException {
    SignedDataCodec codec = require(type);
    try {
      SignedData data = codec.fromJson(type, json);
      if (data == null) {
        throw new CodecException("codec " + codec.getClass().getSimpleName() + " parsed nothing");
      }
      return data;
    } catch (RuntimeException e) {
      throw new CodecException("invalid " + type + " JSON: " + e.getMessage(), e);
    }
  }

  /**
   * Reads from a value of a duty type. A value of the node's own eth2 types, or of a duty type no
   * guarded (plugin) codec handles, is read directly on the caller's thread (the fast path); any
   * other value of a type a {@link ValueGuard} codec handles is plugin code and is read through that
   * guard, so a method that throws or hangs costs the caller at most the plugin call timeout.
   *
   * @param type the duty type the value belongs to
   * @param value the value
   * @param read what to compute from it; must not return null
   * @param <R> the result type
   * @return the result
   * @throws CodecException when the read failed: from the guard (for a plugin's value, naming the
   *     plugin) or wrapping what the direct read threw
   */
  public <R> R read(DutyType type, SignedData value, Function<? super SignedData, R> read)
      throws CodecException {
    return read(type, value, "", read);
  }

  /**
   * Reads from a value decoded from a peer's payload, as {@link #read(DutyType, SignedData,
   * Function)} does; a {@link SenderAwareCodec} guard is told the peer.
   *
   * @param type the duty type the value belongs to
   * @param value the value
   * @param senderPeerId the peer whose payload it came from; empty for none
   * @param read what to compute from it; must not return null
   * @param <R> the result type
   * @return the result
   * @throws CodecException when the read failed
   */
  public <R> R read(DutyType type, SignedData value, String senderPeerId,
      Function<? super SignedData, R> read) throws CodecException {
    SignedDataCodec codec = byType.get(type);
    if (codec instanceof ValueGuard guard && !(value instanceof CharonSignedData)) {
      return codec instanceof SenderAwareCodec aware && !senderPeerId.isEmpty()
          ? aware.read(() -> read.apply(value), senderPeerId) : guard.read(() -> read.apply(value));
    }
    R result;
    try {
      result = read.apply(value);
    } catch (RuntimeException e) {
      throw new CodecException("the " + type + " value could not be read: " + e, e);
    }
    if (result == null) {
      throw new CodecException("the " + type + " value could not be read: it answered nothing");
    }
    return result;
  }

  private SignedDataCodec require(DutyType type) throws CodecException {
    SignedDataCodec codec = byType.get(type);
    if (codec == null) {
      throw new CodecException("no codec handles duty type " + type);
    }
    return codec;
  }
}
