package io.parsigex.testsupport;

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
 * Loopback TCP ports for tests that must name a listen address before the listener starts (a
 * cluster roster lists every member's address up front).
 *
 * <p>A port taken from {@code new ServerSocket(0)} comes from the kernel's ephemeral range, the
 * same range outgoing connections draw their local ports from: between the probe and the real
 * bind, a node's own dial (its redialer tries members that are not up yet) can take that very
 * port, and the listener then fails with "Address already in use" (seen in CI). So the ports
 * handed out here lie below the ephemeral range, where no outgoing connection lands, are probed
 * once, and are never handed out twice in one JVM.
 */
public final class FreePorts {

  /** Lowest port handed out. */
  static final int LOW = 15_000;
  /** Used when the ephemeral range cannot be read (Linux's default lower bound). */
  static final int DEFAULT_EPHEMERAL_LOW = 32_768;
  /** Probes before giving up. */
  static final int ATTEMPTS = 500;

  private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();
  private static final int HIGH = ephemeralLow();

  private FreePorts() {}

  /**
   * A loopback port nothing listens on now, outside the ephemeral range.
   *
   * @return the port
   */
  public static int loopbackPort() {
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
        int low = Integer.parseInt(Files.readString(range).trim().split("\\s+")[0]);
        return Math.max(LOW + 1_000, Math.min(low, 65_536));
      }
    } catch (IOException | RuntimeException e) {
      // fall through to the default
    }
    return DEFAULT_EPHEMERAL_LOW;
  }
}
