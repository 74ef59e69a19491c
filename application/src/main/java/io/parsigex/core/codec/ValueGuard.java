package io.parsigex.core.codec;

import io.parsigex.api.CodecException;
import java.util.function.Supplier;

/**
 * A codec whose values are foreign (plugin) code: reading from one of its values goes through this
 * guard (a bounded worker, the plugin call timeout, failures counted against the plugin) instead of
 * running on the caller's thread. {@link CodecRegistry#read} uses it; the node's built-in codecs do
 * not implement it, so their values are read directly.
 */
public interface ValueGuard {

  /**
   * Computes something from a value this codec produced, guarded.
   *
   * @param read what to compute; must not return null
   * @param <R> the result type
   * @return the result
   * @throws CodecException when the read threw, timed out, returned null or could not be scheduled
   */
  <R> R read(Supplier<R> read) throws CodecException;
}
