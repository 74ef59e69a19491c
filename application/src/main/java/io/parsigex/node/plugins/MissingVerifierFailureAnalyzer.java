package io.parsigex.node.plugins;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a {@link MissingVerifierException} into a report naming the folder searched. */
public final class MissingVerifierFailureAnalyzer
    extends AbstractFailureAnalyzer<MissingVerifierException> {

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, MissingVerifierException cause) {
    return new FailureAnalysis(
        "Signature verification is on (parsigex.verification.enabled=true, the default) but no "
            + "partial-signature verifier plugin was found in " + cause.dir() + ".",
        "Put the bls-verifier plugin (built into application/target/plugins) in " + cause.dir()
            + ", or point parsigex.plugins.dir at the folder that holds it (unset, it is the "
            + "plugins folder beside the node's jar; a relative folder is resolved against the "
            + "working directory), or, only to accept unverified "
            + "signatures (not for production), set parsigex.verification.enabled=false.",
        cause);
  }
}
