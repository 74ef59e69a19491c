package io.parsigex.node.api;

import org.springframework.http.HttpStatus;

/** A REST request that cannot be served; answered with its status and {@code {"error": message}}. */
public final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final HttpStatus status;

  /**
   * Creates the exception.
   *
   * @param status the HTTP status (4xx)
   * @param message what was wrong, for the caller
   */
  public ApiException(HttpStatus status, String message) {
    super(message);
    this.status = status;
  }

  /**
   * A 400 Bad Request.
   *
   * @param message what was wrong
   * @return the exception
   */
  public static ApiException badRequest(String message) {
    return new ApiException(HttpStatus.BAD_REQUEST, message);
  }

  /**
   * The status.
   *
   * @return the HTTP status
   */
  public HttpStatus status() {
    return status;
  }
}
