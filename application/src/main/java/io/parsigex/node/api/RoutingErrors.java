package io.parsigex.node.api;

import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The requests Spring refuses before it chooses a controller (so {@link ApiErrors}, which is
 * limited to this package's controllers, never sees them): a wrong method and a wrong content
 * type, answered as {@code {"error": "…"}} with what to send instead.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
public class RoutingErrors {

  /**
   * Wrong method.
   *
   * @param e the failure
   * @return 405 naming the methods the path supports
   */
  @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
  public ResponseEntity<Map<String, String>> method(HttpRequestMethodNotSupportedException e) {
    String allowed = e.getSupportedHttpMethods() == null ? "another method"
        : String.join(" or ", e.getSupportedHttpMethods().stream().map(Object::toString).toList());
    return ResponseEntity.status(HttpStatus.METHOD_NOT_ALLOWED)
        .body(Map.of("error", e.getMethod() + " is not supported here; use " + allowed));
  }

  /**
   * Wrong content type.
   *
   * @param e the failure
   * @return 415
   */
  @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
  public ResponseEntity<Map<String, String>> media(HttpMediaTypeNotSupportedException e) {
    return ResponseEntity.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
        .body(Map.of("error", "send the body as Content-Type: application/json"));
  }
}
