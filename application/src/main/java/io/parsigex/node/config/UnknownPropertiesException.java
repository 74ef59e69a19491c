package io.parsigex.node.config;

import java.util.List;
import java.util.stream.Collectors;

/** {@code parsigex.*} properties that no setting of the node binds: most likely typos. */
public final class UnknownPropertiesException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Up to how many unknown names the message lists. */
  public static final int MAX_LISTED = 20;

  /**
   * One unknown property.
   *
   * @param name the name as the property source spells it
   * @param origin where it was set (command line, environment variable, file), for the message
   * @param suggestion the closest known name
   */
  public record Unknown(String name, String origin, String suggestion) {

    /**
     * One line of the report.
     *
     * @return for example {@code parsigex.cluster.lockfil (command line): did you mean ...?}
     */
    public String describe() {
      return name + " (" + origin + "): did you mean " + suggestion + "?";
    }
  }

  private final List<Unknown> unknown;

  /**
   * Creates the exception.
   *
   * @param unknown the unknown names, at least one
   */
  public UnknownPropertiesException(List<Unknown> unknown) {
    super("unknown parsigex properties (likely typos): " + unknown.stream().limit(MAX_LISTED)
        .map(Unknown::describe).collect(Collectors.joining("; ")));
    this.unknown = List.copyOf(unknown);
  }

  /**
   * The unknown names.
   *
   * @return in the order they were found
   */
  public List<Unknown> unknown() {
    return unknown;
  }
}
