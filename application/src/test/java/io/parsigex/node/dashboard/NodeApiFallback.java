package io.parsigex.node.dashboard;

import java.util.List;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * A test-only {@code GET /api/v1/node} in the documented shape, for branches where the real REST
 * API is not there yet. It is a functional route, which Spring MVC consults after annotated
 * controllers, so once the node's own controller exists that one answers and this stays unused.
 */
@TestConfiguration(proxyBeanMethods = false)
public class NodeApiFallback {

  /** The cluster this fallback describes: member i holds share index i + 1; member 0 is us. */
  static final List<String> PEERS = List.of(
      "16Uiu2HAmKz8mQfPZ9rN3xCgWbTe7Lh4vYsJd2UoRkQ1pXaB6wE9c",
      "16Uiu2HAm3JvTnR8yUq2ZLcKp7Wd5Hs9XfGb4Ne6Mr1Ta8QoVyCiD",
      "16Uiu2HAmN7cXq4Vb2Rt9Yp3Lk8Wf5Jd6Hs1Ga7Ue2Mz4Qo9TiBxE",
      "16Uiu2HAmT5wGz1Lp8Xk3Vr6Qn9Jb2Yd7Fs4Hc5Ma8Ue1Ro6NiPqW");

  /**
   * The fallback route.
   *
   * @return {@code GET /api/v1/node}
   */
  @Bean
  RouterFunction<ServerResponse> nodeApiFallbackRoute() {
    StringBuilder peers = new StringBuilder();
    for (int i = 0; i < PEERS.size(); i++) {
      peers.append(i == 0 ? "" : ",").append("{\"peer_id\":\"").append(PEERS.get(i))
          .append("\",\"share_index\":").append(i + 1).append(",\"connected\":").append(i == 0)
          .append(",\"addresses\":[\"/ip4/127.0.0.1/tcp/").append(3610 + i).append("\"]}");
    }
    String body = "{\"peer_id\":\"" + PEERS.get(0) + "\",\"share_index\":1,"
        + "\"listen_addresses\":[\"/ip4/127.0.0.1/tcp/3610\"],\"peers\":[" + peers + "]}";
    return RouterFunctions.route().GET("/api/v1/node",
        request -> ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).body(body)).build();
  }
}
