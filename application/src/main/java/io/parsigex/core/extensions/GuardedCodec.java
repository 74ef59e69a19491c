package io.parsigex.core.extensions;

import io.parsigex.api.CodecException;
import io.parsigex.api.DecodedPayload;
import io.parsigex.api.DutyType;
import io.parsigex.api.EncodedPayload;
import io.parsigex.api.SignedData;
import io.parsigex.api.SignedDataCodec;
import io.parsigex.core.codec.SenderAwareCodec;
import io.parsigex.core.codec.ValueGuard;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * A plugin codec whose every call is guarded by {@link GuardedExtensions} (bounded workers, the
 * plugin call timeout, exceptions and nonsense answers turned into typed rejections, per-plugin
 * failure metrics). The values it produces are plugin code too: read them through
 * {@link #read(Supplier)}. A call that produces no value throws {@link ExtensionCallException}.
 * Calls made for a received set name its sending peer ({@link SenderAwareCodec}), so a payload that
 * hangs the plugin takes it out of service for that peer only.
 * Immutable and thread-safe.
 */
public final class GuardedCodec implements SignedDataCodec, ValueGuard, SenderAwareCodec {

  private final GuardedExtensions guarded;
  private final NamedExtension<SignedDataCodec> codec;
  private final Set<DutyType> types;
  private final int priority;

  /**
   * Wraps a plugin codec. Reads its duty types and priority once, here.
   *
   * @param guarded the guard
   * @param codec the plugin's codec
   */
  public GuardedCodec(GuardedExtensions guarded, NamedExtension<SignedDataCodec> codec) {
    this.guarded = Objects.requireNonNull(guarded, "guarded");
    this.codec = Objects.requireNonNull(codec, "codec");
    this.types = Set.copyOf(codec.extension().dutyTypes());
    this.priority = codec.extension().priority();
  }

  /**
   * The plugin codec behind this one.
   *
   * @return the plugin id and extension
   */
  public NamedExtension<SignedDataCodec> plugin() {
    return codec;
  }

  @Override
  public Set<DutyType> dutyTypes() {
    return types;
  }

  @Override
  public int priority() {
    return priority;
  }

  @Override
  public DecodedPayload decode(DutyType dutyType, byte[] bytes) throws CodecException {
    return unwrap(guarded.decode(codec, dutyType, bytes));
  }

  @Override
  public DecodedPayload decode(DutyType dutyType, byte[] bytes, String senderPeerId)
      throws CodecException {
    return unwrap(guarded.decode(codec, dutyType, bytes, senderPeerId));
  }

  @Override
  public <R> R read(Supplier<R> read, String senderPeerId) throws ExtensionCallException {
    return unwrap(guarded.read(codec, senderPeerId, read));
  }

  @Override
  public EncodedPayload encode(DutyType dutyType, SignedData data) throws CodecException {
    return unwrap(guarded.encode(codec, dutyType, data));
  }

  @Override
  public SignedData fromJson(DutyType dutyType, String json) throws CodecException {
    return unwrap(guarded.fromJson(codec, dutyType, json));
  }

  /**
   * Reads something from a value this codec produced (its {@link SignedData} methods run plugin
   * code), guarded like a codec call and counted against this plugin.
   *
   * @param read what to compute from the value; must not return null
   * @param <R> the result type
   * @return the result
   * @throws ExtensionCallException when the read threw, timed out or returned null
   */
  @Override
  public <R> R read(Supplier<R> read) throws ExtensionCallException {
    return unwrap(guarded.read(codec, read));
  }

  private static <T> T unwrap(CompletableFuture<Guarded<T>> call) throws ExtensionCallException {
    Guarded<T> g = call.join();
    if (g instanceof Guarded.Ok<T> ok) {
      return ok.value();
    }
    throw new ExtensionCallException(((Guarded.Rejected<T>) g).rejection());
  }

  @Override
  public String toString() {
    return "plugin codec " + codec.pluginId() + " (" + codec.className() + ")";
  }
}
