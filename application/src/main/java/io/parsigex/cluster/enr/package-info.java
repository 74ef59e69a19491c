/** Ethereum Node Records (EIP-778, v4 identity scheme) and the RLP subset they use. */
package io.parsigex.cluster.enr;
