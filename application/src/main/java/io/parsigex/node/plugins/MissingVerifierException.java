package io.parsigex.node.plugins;

/** Signature verification is on but no verifier plugin is loaded. */
public final class MissingVerifierException extends PluginStartupException {
  private static final long serialVersionUID = 1L;

  private final String dir;

  /**
   * Creates the exception.
   *
   * @param dir the plugin folder that was searched
   */
  public MissingVerifierException(String dir) {
    super("no partial-signature verifier plugin is loaded from " + dir + "; put the bls-verifier "
        + "plugin there, or set parsigex.verification.enabled=false to accept unverified "
        + "signatures (not for production)");
    this.dir = dir;
  }

  /**
   * The folder that was searched.
   *
   * @return its absolute path
   */
  public String dir() {
    return dir;
  }
}
