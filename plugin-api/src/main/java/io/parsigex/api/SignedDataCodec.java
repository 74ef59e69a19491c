package io.parsigex.api;

import java.util.Set;
import org.pf4j.ExtensionPoint;

/**
 * Turns {@code ParSignedData.data} bytes into {@link SignedData} and back, for some duty types.
 *
 * <p>The node has a built-in codec for every duty Charon carries. A plugin codec adds a duty type or
 * overrides a built-in one when its {@link #priority()} is higher; the built-ins have priority
 * {@link #BUILT_IN_PRIORITY}. Codecs must be stateless and thread-safe, and must never allocate more
 * than the input justifies: malformed input is a {@link CodecException}, never another exception.
 */
public interface SignedDataCodec extends ExtensionPoint {

  /** The priority of the node's built-in codecs. */
  int BUILT_IN_PRIORITY = 0;

  /**
   * The duty types this codec handles.
   *
   * @return a non-empty set
   */
  Set<DutyType> dutyTypes();

  /**
   * Which codec wins when several handle a duty type: the highest priority.
   *
   * @return the priority; plugins overriding a built-in return more than {@link #BUILT_IN_PRIORITY}
   */
  default int priority() {
    return BUILT_IN_PRIORITY + 1;
  }

  /**
   * Decodes payload bytes received for a duty.
   *
   * @param dutyType the duty the payload was received for
   * @param bytes the payload
   * @return the decoded value and its encoding
   * @throws CodecException when the bytes are not a valid payload for the duty
   */
  DecodedPayload decode(DutyType dutyType, byte[] bytes) throws CodecException;

  /**
   * Encodes a value the way it goes on the wire.
   *
   * @param dutyType the duty
   * @param data the value
   * @return the payload bytes and their encoding
   * @throws CodecException when the value is not of a type this codec encodes
   */
  EncodedPayload encode(DutyType dutyType, SignedData data) throws CodecException;

  /**
   * Parses a value from its JSON form (as shown by {@link SignedData#toCharonJson()}), for the
   * REST broadcast and encode calls.
   *
   * @param dutyType the duty
   * @param json the JSON text
   * @return the value
   * @throws CodecException when the JSON is not a valid value for the duty
   */
  SignedData fromJson(DutyType dutyType, String json) throws CodecException;
}
