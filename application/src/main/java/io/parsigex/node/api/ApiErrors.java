package io.parsigex.node.api;

import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Every error of this package's controllers as {@code {"error": "…"}}: 4xx for bad requests, 502
 * or 503 naming a plugin that failed on the request, never a stack trace. A wrong method or content
 * type is refused before any controller is chosen; those are answered by {@link RoutingErrors}.
 */
@RestControllerAdvice(basePackageClasses = ApiErrors.class)
public class ApiErrors {

  private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);

  /**
   * A request the API refused.
   *
   * @param e the refusal
   * @return status and message
   */
  @ExceptionHandler(ApiException.class)
  public ResponseEntity<Map<String, String>> api(ApiException e) {
    return ResponseEntity.status(e.status()).body(Map.of("error", e.getMessage()));
  }

  /**
   * A body that is not JSON, or one cut off at {@code parsigex.api.max-request-size}.
   *
   * @param e the parse failure
   * @return 400, or 413 for a body over the limit
   */
  @ExceptionHandler(HttpMessageNotReadableException.class)
  public ResponseEntity<Map<String, String>> unreadable(HttpMessageNotReadableException e) {
    for (Throwable c = e; c != null; c = c.getCause()) {
      if (c instanceof RequestSizeLimit.BodyTooLargeException tooLarge) {
        return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE)
            .body(Map.of("error", tooLarge.getMessage()));
      }
    }
    return ResponseEntity.badRequest().body(Map.of("error", "request body is not valid JSON"));
  }

  /**
   * Anything unexpected: logged, answered without internals.
   *
   * @param e the failure
   * @return 500
   */
  @ExceptionHandler(RuntimeException.class)
  public ResponseEntity<Map<String, String>> unexpected(RuntimeException e) {
    log.error("REST request failed", e);
    return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR)
        .body(Map.of("error", "internal error: " + e.getClass().getSimpleName()));
  }
}
