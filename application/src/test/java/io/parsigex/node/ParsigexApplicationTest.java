package io.parsigex.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.parsigex.node.plugins.PluginHost;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "parsigex.plugins.dir=target/no-such-plugin-dir")
class ParsigexApplicationTest {

  @LocalServerPort int port;
  @Autowired PluginHost plugins;

  @Test
  void startsAndServesHealth() throws Exception {
    HttpResponse<String> r = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("\"status\":\"UP\"");
    assertThat(plugins.manager().getPlugins()).isEmpty();
  }
}
