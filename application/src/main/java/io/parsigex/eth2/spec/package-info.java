/**
 * Consensus-spec containers per fork (phase0, altair, bellatrix, capella, deneb, electra, fulu)
 * with mainnet preset limits ({@link io.parsigex.eth2.spec.Preset}), and
 * {@link io.parsigex.eth2.spec.ForkTypes} selecting, per {@link io.parsigex.eth2.fork.Fork}, the
 * ones Charon's versioned wrappers carry (none for gloas yet).
 */
package io.parsigex.eth2.spec;
