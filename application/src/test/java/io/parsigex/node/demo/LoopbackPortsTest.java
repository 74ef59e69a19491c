package io.parsigex.node.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.parsigex.libp2p.multiaddr.Multiaddr;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The demo's listen ports lie below the kernel's ephemeral range (where an outgoing connection can
 * never take them between the probe and the bind), are free when handed out, and are never handed
 * out twice.
 */
class LoopbackPortsTest {

  private static final int PICKS = 200;

  @Test
  void portsAreBelowTheEphemeralRangeFreeAndDistinct() throws Exception {
    int ephemeralLow = ephemeralLow();
    // the whole range below the ephemeral ports, not a sliver of it
    assertThat(LoopbackPorts.high()).isEqualTo(ephemeralLow);
    Set<Integer> seen = new HashSet<>();
    for (int i = 0; i < PICKS; i++) {
      int port = LoopbackPorts.pick();
      assertThat(port).isBetween(LoopbackPorts.LOW, LoopbackPorts.high() - 1)
          .isLessThan(ephemeralLow);
      assertThat(seen.add(port)).as("port %d handed out twice", port).isTrue();
      try (ServerSocket s = new ServerSocket()) {
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
      }
    }
  }

  @Test
  void theDemoClusterListensOnSuchPorts() {
    int ephemeralLow = ephemeralLow();
    DemoCluster demo = DemoCluster.generate(4, 3, 1, Duration.ofSeconds(2));
    Set<Integer> ports = new HashSet<>();
    for (int i = 0; i < 4; i++) {
      Multiaddr addr = demo.definition(0).members().get(i).addresses().get(0);
      String[] parts = addr.toString().split("/");
      int port = Integer.parseInt(parts[parts.length - 1]);
      assertThat(port).as(addr.toString()).isLessThan(ephemeralLow);
      ports.add(port);
    }
    assertThat(ports).hasSize(4);
  }

  private static int ephemeralLow() {
    try {
      return Integer.parseInt(Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range"))
          .get(0).trim().split("\\s+")[0]);
    } catch (Exception e) {
      return LoopbackPorts.DEFAULT_EPHEMERAL_LOW;
    }
  }
}
