/**
 * Charon's {@code /charon/peerinfo/2.0.0}: every minute a Charon node asks each cluster peer for
 * its version, git commit, lock hash, start time, builder-API flag, nickname and client type, and
 * fills its {@code app_peerinfo_*} metrics and lock-hash and version warnings from the answers.
 * This package answers those requests for our node and asks the other members the same way.
 */
package io.parsigex.core.peerinfo;
