/**
 * A schema-driven SSZ engine. Declare a container once with {@link io.parsigex.eth2.ssz.Ssz}
 * ({@code container("Name", field("slot", UINT64), ...)}); its codec, {@code hash_tree_root} and
 * beacon-API JSON derive from the declaration. Decoders validate completely and report
 * {@link io.parsigex.eth2.ssz.SszException} / {@link io.parsigex.eth2.ssz.JsonFormatException}
 * naming type, field path and byte offset; they never throw unchecked exceptions on bad input.
 */
package io.parsigex.eth2.ssz;
