package io.parsigex.testsupport;

import io.parsigex.node.demo.LoopbackPorts;

/**
 * Loopback TCP ports for tests that must name a listen address before the listener starts (a
 * cluster roster lists every member's address up front): the demo cluster's own choice
 * ({@link LoopbackPorts}: below the kernel's ephemeral range, probed, never handed out twice in one
 * JVM), so tests and the demo cannot hand out the same port.
 */
public final class FreePorts {

  private FreePorts() {}

  /**
   * A loopback port nothing listens on now, outside the ephemeral range.
   *
   * @return the port
   */
  public static int loopbackPort() {
    return LoopbackPorts.pick();
  }
}
