/**
 * Small primitives every layer shares (rate-limited logging). Depends on no other parsigex package,
 * on no Netty and no Spring, so the libp2p and eth2 libraries may use it and stay standalone with it.
 */
package io.parsigex.common;
