package io.parsigex.node.feed;

/**
 * An event could not be turned into a feed message because a plugin's value in its set failed when
 * read (threw, did not answer within the plugin call timeout, or the plugin's workers were busy).
 * The message is skipped, clients stay connected, and the failure is counted against the plugin in
 * {@code parsigex_plugin_failures_total}; fix or remove the plugin the message names.
 */
public final class UnreadableValueException extends FeedException {
  private static final long serialVersionUID = 1L;

  UnreadableValueException(String message) {
    super(message);
  }
}
