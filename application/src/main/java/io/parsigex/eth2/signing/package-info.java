/**
 * Signing domains, signing roots, chain presets and the chain wall clock.
 *
 * <p>{@link io.parsigex.eth2.signing.ChainPreset} gives the known networks'
 * {@link io.parsigex.eth2.signing.ChainSpec}s, each with a
 * {@link io.parsigex.eth2.signing.ForkSchedule} of one
 * {@link io.parsigex.eth2.signing.ScheduledFork} (version and epoch) per
 * {@link io.parsigex.eth2.fork.Fork}; {@link io.parsigex.eth2.signing.SigningRoots} turns
 * an {@link io.parsigex.api.Eth2Signing} into the root a BLS signature covers;
 * {@link io.parsigex.eth2.signing.ChainClock} gives the current slot and epoch. No Spring, no libp2p.
 */
package io.parsigex.eth2.signing;
