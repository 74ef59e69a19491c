package io.parsigex.node.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Loopback TCP ports for a demo member's listener, chosen before the listener starts (the demo's
 * roster names every member's address up front).
 *
 * <p>A port taken from {@code new ServerSocket(0)} comes from the kernel's ephemeral range, the
 * range outgoing connections draw their local ports from: between the probe and the real bind, a
 * member that already runs (its redialer tries members that are not up yet), or any other process,
 * can take that very port for a connection, and the listener then fails with "Address already in
 * use" (seen in CI, once in a few hundred demo starts). So the ports handed out here lie below the
 * ephemeral range, where no outgoing connection lands, are probed once, and are never handed out
 * twice in one JVM. Thread-safe.
 */
public final class LoopbackPorts {

  /** Lowest port handed out. */
  static final int LOW = 15_000;
  /** Used when the ephemeral range cannot be read (Linux's default lower bound). */
  static final int DEFAULT_EPHEMERAL_LOW = 32_768;
  /** Probes before giving up. */
  static final int ATTEMPTS = 500;
  /** The width kept between {@link #LOW} and the top of the range, whatever the kernel says. */
  private static final int MIN_WIDTH = 1_000;

  private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();
  private static final int HIGH = ephemeralLow();

  private LoopbackPorts() {}

  /**
   * A loopback port nothing listens on now, below the ephemeral range, not handed out before.
   *
   * @return the port
   * @throws IllegalStateException when no such port was found in {@value #ATTEMPTS} probes
   */
  public static int pick() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    for (int i = 0; i < ATTEMPTS; i++) {
      int port = random.nextInt(LOW, HIGH);
      if (HANDED_OUT.add(port) && bindable(port)) {
        return port;
      }
    }
    throw new IllegalStateException("no free loopback port in [" + LOW + ", " + HIGH + ") after "
        + ATTEMPTS + " attempts");
  }

  /**
   * The upper bound (exclusive) of the ports {@link #pick()} hands out.
   *
   * @return the kernel's lowest ephemeral port, or {@value #DEFAULT_EPHEMERAL_LOW}
   */
  static int high() {
    return HIGH;
  }

  private static boolean bindable(int port) {
    try (ServerSocket s = new ServerSocket()) {
      s.setReuseAddress(false);
      s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static int ephemeralLow() {
    Path range = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
    try {
      if (Files.isReadable(range)) {
        // not Files.readString: on procfs (size 0) JDK 17 returned only the first byte
        String line;
        try (BufferedReader r = Files.newBufferedReader(range)) {
          line = r.readLine();
        }
        int low = Integer.parseInt(line.trim().split("\\s+")[0]);
        return Math.max(LOW + MIN_WIDTH, Math.min(low, 65_536));
      }
    } catch (IOException | RuntimeException e) {
      // fall through to the default
    }
    return DEFAULT_EPHEMERAL_LOW;
  }
}
