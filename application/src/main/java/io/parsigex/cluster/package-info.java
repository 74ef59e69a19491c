/**
 * Joining a real Charon cluster from its files: {@code cluster-lock.json} and the node's
 * {@code charon-enr-private-key}.
 *
 * <pre>{@code
 * ClusterLock lock = new ClusterLockLoader().load(lockFile);          // parses + verifies
 * ClusterMembership me = ClusterMembership.resolve(lock, NodeKey.load(keyFile));
 * me.shareIndex();               // 1-based
 * me.peers();                    // other operators: peerId(), enr().tcpMultiaddrs()
 * me.publicSharesByValidator();  // validator key -> (share index -> public share)
 * lock.chainPreset();            // mainnet | sepolia | hoodi | gnosis | chiado | custom
 * }</pre>
 *
 * <p>Every lock version Charon reads (v1.0.0 to v1.11.0) is supported, with Charon's hashing per
 * version and its signature checks. Failures are {@link io.parsigex.cluster.ClusterException}s
 * naming the field and the lock version. The node only reads locks: the generator that writes valid
 * locks and key files ({@code ClusterLockGenerator}) lives in the test sources. No Spring here;
 * {@code io.parsigex.node} wires it.
 */
package io.parsigex.cluster;
