package io.parsigex.node.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parsigex.libp2p.host.PreAuthLimits;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** {@code parsigex.p2p.preauth.*}: bound as Spring binds them, with defaults and range checks. */
class PreAuthPropertiesTest {

  private static ParsigexProperties bind(Map<String, String> values) {
    return new Binder(new MapConfigurationPropertySource(values))
        .bindOrCreate("parsigex", ParsigexProperties.class);
  }

  private static Throwable rootCause(Throwable t) {
    Throwable c = t;
    while (c.getCause() != null) {
      c = c.getCause();
    }
    return c;
  }

  @Test
  void theDefaultsAreTheHostsDocumentedDefaults() {
    assertThat(bind(Map.of()).p2p().preauth().limits()).isEqualTo(PreAuthLimits.defaults())
        .isEqualTo(new PreAuthLimits(8, 64, Duration.ofSeconds(3)));
  }

  @Test
  void eachLimitIsASetting() {
    PreAuthLimits l = bind(Map.of("parsigex.p2p.preauth.max-per-source", "2",
        "parsigex.p2p.preauth.max-total", "10", "parsigex.p2p.preauth.timeout", "1500ms"))
        .p2p().preauth().limits();
    assertThat(l).isEqualTo(new PreAuthLimits(2, 10, Duration.ofMillis(1500)));
  }

  @Test
  void valuesOutOfRangeAreRefusedNamingTheProperty() {
    assertThatThrownBy(() -> bind(Map.of("parsigex.p2p.preauth.max-per-source", "0")))
        .satisfies(e -> assertThat(rootCause(e)).isInstanceOf(IllegalArgumentException.class)
            .hasMessage("parsigex.p2p.preauth.max-per-source must be 1..65536, got 0"));
    assertThatThrownBy(() -> bind(Map.of("parsigex.p2p.preauth.max-per-source", "16",
        "parsigex.p2p.preauth.max-total", "8")))
        .satisfies(e -> assertThat(rootCause(e).getMessage())
            .startsWith("parsigex.p2p.preauth.max-total").contains("max-per-source")
            .endsWith("got 8"));
    assertThatThrownBy(() -> bind(Map.of("parsigex.p2p.preauth.timeout", "0s")))
        .satisfies(e -> assertThat(rootCause(e).getMessage())
            .startsWith("parsigex.p2p.preauth.timeout must be a positive duration"));
    assertThatThrownBy(() -> bind(Map.of("parsigex.p2p.preauth.timeout", "5m")))
        .satisfies(e -> assertThat(rootCause(e).getMessage())
            .isEqualTo("parsigex.p2p.preauth.timeout must be at most 60s, got PT5M"));
  }
}
