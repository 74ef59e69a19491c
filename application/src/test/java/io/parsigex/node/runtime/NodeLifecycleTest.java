package io.parsigex.node.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.parsigex.node.ParsigexApplication;
import io.parsigex.node.plugins.PluginHost;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The node is started by a lifecycle, before the web server, and stopped before any bean is
 * destroyed: in particular before the plugin host closes the plugins the node calls.
 */
class NodeLifecycleTest {

  /** What the probe saw when the context destroyed it. */
  static final List<Boolean> RUNNING_AT_DESTROY = new ArrayList<>();

  /** A bean destroyed before the plugin host (it depends on it): it sees the node's state then. */
  @Configuration(proxyBeanMethods = false)
  static class Probe {
    @Bean
    DisposableBean shutdownProbe(PluginHost host, NodeRuntime runtime) {
      return () -> RUNNING_AT_DESTROY.add(runtime.isRunning());
    }
  }

  @Test
  void theNodeStartsWithTheContextAndStopsBeforeThePluginHostCloses() {
    ConfigurableApplicationContext ctx = new SpringApplicationBuilder(ParsigexApplication.class,
        Probe.class).properties("server.port=0", "server.address=127.0.0.1",
            "parsigex.mode=demo", "parsigex.demo.signing=false", "parsigex.demo.nodes=2",
            "parsigex.demo.threshold=2", "parsigex.plugins.dir=target/no-such-plugin-dir",
            "parsigex.verification.enabled=false").run();
    NodeRuntime runtime = ctx.getBean(NodeRuntime.class);
    NodeLifecycle lifecycle = ctx.getBean(NodeLifecycle.class);
    try {
      assertThat(runtime.isRunning()).isTrue();
      assertThat(lifecycle.isRunning()).isTrue();
      assertThat(runtime.isListening()).isTrue();
      assertThat(lifecycle.getPhase())
          .isLessThan(WebServerApplicationContext.START_STOP_LIFECYCLE_PHASE);
    } finally {
      ctx.close();
    }
    assertThat(RUNNING_AT_DESTROY).containsExactly(false);
    assertThat(runtime.isRunning()).isFalse();
    assertThat(runtime.connectedPeers()).isZero();
  }
}
