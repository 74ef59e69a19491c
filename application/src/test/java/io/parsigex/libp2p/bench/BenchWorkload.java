package io.parsigex.libp2p.bench;

/**
 * The work {@link Libp2pBench} measures, done by one libp2p implementation between two of its own
 * peers over loopback TCP with Noise and Yamux. Every call checks that the listener received
 * exactly what was sent and fails otherwise.
 */
interface BenchWorkload extends AutoCloseable {

  /** Bytes of one benchmark message, the size the js-libp2p loopback figures were taken with. */
  int MESSAGE_BYTES = 421;
  /** Protocol of the echo-less sink both implementations serve. */
  String PROTOCOL = "/parsigex-bench/sink/1.0.0";

  /**
   * Which implementation this is.
   *
   * @return a short name for the table
   */
  String name();

  /**
   * Sends {@code bytes} on one stream, half-closes, and waits for the listener to close its side.
   *
   * @param bytes how much to send
   * @return MiB per second and per CPU second
   * @throws Exception when the transfer fails or the listener got a different count
   */
  RunResult bulk(long bytes) throws Exception;

  /**
   * Opens {@code count} streams, each carrying one {@link #MESSAGE_BYTES}-byte message then a
   * half-close, a message counting once the listener closed its side; at most {@code inFlight}
   * at a time.
   *
   * @param count streams to open
   * @param inFlight streams open at once
   * @return streams per second and per CPU second
   * @throws Exception when a stream fails or the listener's counts differ
   */
  RunResult streams(int count, int inFlight) throws Exception;

  @Override
  void close();
}
