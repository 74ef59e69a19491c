package io.parsigex.node.config;

/**
 * Neither a cluster is configured nor the demo asked for: the node refuses to start rather than
 * guess. The message names every property the node looked for.
 */
public final class NotConfiguredException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** What the node looks for, in the words the failure report uses. */
  public static final String LOOKED_FOR = "parsigex.cluster.lock-file with "
      + "parsigex.identity.key-file (to join a Charon cluster), or parsigex.cluster.peers with "
      + "parsigex.cluster.validators and parsigex.identity.key-file (a cluster by hand), or "
      + "parsigex.mode=demo (the local demo cluster)";

  /** Creates the exception. */
  public NotConfiguredException() {
    super("no cluster is configured and the demo was not asked for; looked for " + LOOKED_FOR);
  }
}
