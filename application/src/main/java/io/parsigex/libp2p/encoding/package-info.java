/** Multiformats building blocks: unsigned varints, base58btc and base32. */
package io.parsigex.libp2p.encoding;
