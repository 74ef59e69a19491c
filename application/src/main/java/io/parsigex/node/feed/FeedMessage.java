package io.parsigex.node.feed;

import io.parsigex.api.DutyType;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.springframework.web.socket.TextMessage;

/**
 * One feed message, serialized once and shared by every client. Immutable.
 *
 * @param type the message's {@code type} field ({@code received}, {@code rejected}, ...)
 * @param frame the text frame to send
 * @param bytes its UTF-8 length, what it costs in a client's buffer
 * @param dutyType the duty type it is about, for filtering; empty for {@code peer} messages and
 *     rejections of unreadable messages
 * @param pubkeys the {@code 0x} public keys it carries, for filtering; empty when none
 */
public record FeedMessage(
    String type, TextMessage frame, int bytes, Optional<DutyType> dutyType, Set<String> pubkeys) {

  /** Validates and copies. */
  public FeedMessage {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(frame, "frame");
    Objects.requireNonNull(dutyType, "dutyType");
    pubkeys = Set.copyOf(pubkeys);
    if (bytes < 0) {
      throw new IllegalArgumentException("bytes must not be negative, got " + bytes);
    }
  }

  /**
   * Wraps serialized JSON.
   *
   * @param type the message type
   * @param json the JSON object text
   * @param dutyType its duty type, if any
   * @param pubkeys its public keys
   * @return the message
   */
  public static FeedMessage of(
      String type, String json, Optional<DutyType> dutyType, Set<String> pubkeys) {
    byte[] utf8 = json.getBytes(StandardCharsets.UTF_8);
    return new FeedMessage(type, new TextMessage(utf8), utf8.length, dutyType, pubkeys);
  }

  /**
   * A control message for one client (filter acknowledgement, error); never filtered.
   *
   * @param type the message type
   * @param json the JSON object text
   * @return the message
   */
  public static FeedMessage control(String type, String json) {
    return of(type, json, Optional.empty(), Set.of());
  }

  /**
   * The JSON text.
   *
   * @return the payload
   */
  public String json() {
    return frame.getPayload();
  }
}
