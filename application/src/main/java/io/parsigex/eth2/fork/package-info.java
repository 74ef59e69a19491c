/**
 * The consensus forks ({@link io.parsigex.eth2.fork.Fork}), shared by the chain schedule
 * ({@code io.parsigex.eth2.signing}) and the per-fork containers ({@code io.parsigex.eth2.spec},
 * {@code io.parsigex.eth2.charon}). Depends on nothing, so both can use it without depending on
 * each other.
 */
package io.parsigex.eth2.fork;
