/**
 * Ethereum consensus data for the partial-signature exchange. Knows nothing of libp2p or Spring.
 *
 * <ul>
 *   <li>{@link io.parsigex.eth2.ssz}: the schema-driven SSZ engine (serialise, validating
 *       deserialise, {@code hash_tree_root}, beacon-API JSON) and its typed errors;
 *   <li>{@link io.parsigex.eth2.fork}: the one enum of consensus forks, phase0..gloas, shared by
 *       the two packages below it, which do not depend on each other;
 *   <li>{@link io.parsigex.eth2.signing}: chain presets, fork schedules, signing domains and roots,
 *       the chain clock;
 *   <li>{@link io.parsigex.eth2.spec}: the consensus containers of phase0..fulu (mainnet preset);
 *   <li>{@link io.parsigex.eth2.charon}: Charon's signed types, versioned SSZ wrappers, Charon
 *       JSON and the built-in per-duty {@code SignedDataCodec}s ({@code Eth2Codecs.builtIns()}).
 * </ul>
 */
package io.parsigex.eth2;
