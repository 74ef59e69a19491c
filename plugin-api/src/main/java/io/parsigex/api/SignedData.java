package io.parsigex.api;

import java.util.Optional;

/**
 * A decoded signed payload: the object a partial signature was made over, plus the signature.
 *
 * <p>Implementations must be immutable. The built-in eth2 types come from the node; codec plugins
 * supply their own implementations for custom payloads.
 */
public interface SignedData {

  /**
   * Charon's name for the carried type, for example {@code VersionedAttestation}.
   *
   * @return a short type name shown in logs, REST answers and the WebSocket feed
   */
  String typeName();

  /**
   * The partial BLS signature carried inside the payload (Charon takes the signature from the
   * payload, never from the protobuf {@code signature} field).
   *
   * @return a copy of the signature bytes (96 for BLS)
   */
  byte[] signature();

  /**
   * What the signature covers, for Ethereum consensus objects.
   *
   * @param slotsPerEpoch the chain's {@code SLOTS_PER_EPOCH}, for types whose epoch comes from a slot
   * @return the domain, epoch and message root; empty for data that is not an eth2 object (such as
   *     DKG's raw {@code Signature}), which a BLS verifier must refuse
   */
  Optional<Eth2Signing> eth2Signing(long slotsPerEpoch);

  /**
   * The payload as Charon's JSON (compact), for display and for the REST and WebSocket APIs.
   *
   * @return a JSON value (object, or a string for raw signatures)
   */
  String toCharonJson();
}
