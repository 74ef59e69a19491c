package io.parsigex.core.codec;

import io.parsigex.api.CodecException;
import io.parsigex.api.DecodedPayload;
import io.parsigex.api.DutyType;
import java.util.function.Supplier;

/**
 * A codec that is told which peer sent the payload it decodes (and whose decoded value it reads),
 * so that a plugin codec that hangs or fails on one peer's input is taken out of service for that
 * peer's sets only. {@link CodecRegistry#decode(DutyType, byte[], String)} and
 * {@link CodecRegistry#read(DutyType, io.parsigex.api.SignedData, String, java.util.function.Function)}
 * use it; the node's built-in codecs do not implement it.
 */
public interface SenderAwareCodec {

  /**
   * Decodes a payload a peer sent.
   *
   * @param type the duty type
   * @param bytes the payload
   * @param senderPeerId the sending peer
   * @return the decoded payload
   * @throws CodecException when the payload does not decode or the codec did not answer
   */
  DecodedPayload decode(DutyType type, byte[] bytes, String senderPeerId) throws CodecException;

  /**
   * Computes something from a value this codec decoded from a peer's payload, guarded.
   *
   * @param read what to compute; must not return null
   * @param senderPeerId the peer whose payload the value came from
   * @param <R> the result type
   * @return the result
   * @throws CodecException when the read threw, timed out, returned null or could not be scheduled
   */
  <R> R read(Supplier<R> read, String senderPeerId) throws CodecException;
}
