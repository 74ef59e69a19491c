package io.parsigex.node.api;

import io.parsigex.api.CodecException;
import io.parsigex.core.extensions.ExtensionCallException;
import io.parsigex.core.extensions.ExtensionRejection;
import io.parsigex.core.extensions.RejectionKind;
import org.springframework.http.HttpStatus;

/**
 * A REST request that cannot be served; answered with its status and {@code {"error": message}}:
 * 4xx for a bad request, 502 (or 503) when a plugin failed to handle it.
 */
public final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final HttpStatus status;

  /**
   * Creates the exception.
   *
   * @param status the HTTP status (4xx, or 502/503 for a failed plugin)
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
   * A plugin failed on the request: 502 Bad Gateway naming the plugin and the failure (503 when the
   * plugin workers were too busy to call it).
   *
   * @param rejection the guarded call's rejection
   * @return the exception
   */
  public static ApiException pluginFailed(ExtensionRejection rejection) {
    HttpStatus status = rejection.kind() == RejectionKind.OVERLOADED
        ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.BAD_GATEWAY;
    return new ApiException(status, "plugin " + rejection.pluginId() + " failed: "
        + rejection.message());
  }

  /**
   * A codec produced no value: bad input (400, the message prefixed with {@code what}), or a plugin
   * codec that failed ({@link #pluginFailed}).
   *
   * @param what what the input was expected to be, e.g. {@code "not a randao payload: "}
   * @param e the codec's exception
   * @return the exception
   */
  public static ApiException codecRefused(String what, CodecException e) {
    if (e instanceof ExtensionCallException call && call.pluginFailed()) {
      return pluginFailed(call.rejection());
    }
    return badRequest(what + e.getMessage());
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
