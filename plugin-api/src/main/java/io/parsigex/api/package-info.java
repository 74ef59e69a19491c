/**
 * The parsigex plugin SDK.
 *
 * <p>Domain values ({@link io.parsigex.api.Duty}, {@link io.parsigex.api.PubKey},
 * {@link io.parsigex.api.ParSignedData}, {@link io.parsigex.api.ParSignedDataSet},
 * {@link io.parsigex.api.SignedData}) and the three extension points a PF4J plugin can implement:
 * {@link io.parsigex.api.DutyGater}, {@link io.parsigex.api.PartialSignatureVerifier} and
 * {@link io.parsigex.api.SignedDataCodec}. Plugins depend on this artifact with scope
 * {@code provided}; the node supplies it at run time.
 */
package io.parsigex.api;
