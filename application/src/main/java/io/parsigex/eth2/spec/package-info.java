/**
 * Consensus-spec containers per fork (phase0, altair, bellatrix, capella, deneb, electra, fulu)
 * with mainnet preset limits ({@link io.parsigex.eth2.spec.Preset}), and
 * {@link io.parsigex.eth2.spec.ForkTypes} selecting the ones Charon's versioned wrappers carry.
 */
package io.parsigex.eth2.spec;
