package io.parsigex.node.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parsigex.node.config.InvalidSettingException;
import io.parsigex.node.config.NodeMode;
import io.parsigex.node.config.NotConfiguredException;
import io.parsigex.node.config.ParsigexProperties;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** The demo runs only when asked for; nothing configured is refused, never a silent demo. */
class ClusterSetupTest {

  private static ParsigexProperties bind(Map<String, String> props) {
    return new Binder(new MapConfigurationPropertySource(props))
        .bindOrCreate("parsigex", ParsigexProperties.class);
  }

  @Test
  void nothingConfiguredIsRefusedNamingWhatWasLookedFor() {
    assertThat(bind(Map.of()).mode()).isEqualTo(NodeMode.MEMBER);
    assertThatThrownBy(() -> ClusterSetup.from(bind(Map.of("parsigex.demo.nodes", "4"))))
        .isInstanceOf(NotConfiguredException.class)
        .hasMessageContaining("parsigex.cluster.lock-file")
        .hasMessageContaining("parsigex.identity.key-file")
        .hasMessageContaining("parsigex.cluster.peers")
        .hasMessageContaining("parsigex.cluster.validators")
        .hasMessageContaining("parsigex.mode=demo");
  }

  @Test
  void theDemoRunsWhenAskedFor() {
    ClusterSetup s = ClusterSetup.from(bind(Map.of("parsigex.mode", "DEMO",
        "parsigex.demo.nodes", "2", "parsigex.demo.threshold", "2",
        "parsigex.demo.validators", "1")));
    assertThat(s.isDemo()).isTrue();
    assertThat(s.cluster().members()).hasSize(2);
  }

  @Test
  void theDemoTogetherWithAClusterConfigurationIsRefused() {
    assertThatThrownBy(() -> ClusterSetup.from(bind(Map.of("parsigex.mode", "demo",
        "parsigex.cluster.lock-file", "/some/cluster-lock.json"))))
        .isInstanceOfSatisfying(InvalidSettingException.class, e -> {
          assertThat(e.property()).isEqualTo("parsigex.mode");
          assertThat(e.action()).contains("Remove parsigex.mode=demo");
        });
  }
}
