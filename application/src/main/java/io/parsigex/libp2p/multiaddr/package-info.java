/** Multiaddrs (/ip4, /ip6, /dns*, /tcp, /p2p, /p2p-circuit) in text and binary form. */
package io.parsigex.libp2p.multiaddr;
