package io.parsigex.libp2p.host;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;

/**
 * The byte-buffer allocator of every TCP channel a host opens or accepts: Netty's pooled
 * allocator (thread-local caches per event loop). Netty 4.2's default, the adaptive allocator,
 * took about a tenth of the event loop's CPU in the receiver profile of {@code ReceiverCpuBench}
 * (a socket read buffer per small read, many small reads per set).
 */
final class ChannelAllocator {

  /** The allocator. */
  static final ByteBufAllocator ALLOCATOR = PooledByteBufAllocator.DEFAULT;

  private ChannelAllocator() {}
}
