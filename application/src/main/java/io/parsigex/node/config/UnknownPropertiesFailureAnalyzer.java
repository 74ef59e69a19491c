package io.parsigex.node.config;

import java.util.stream.Collectors;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns an {@link UnknownPropertiesException} into a report with the likely intended names. */
public final class UnknownPropertiesFailureAnalyzer
    extends AbstractFailureAnalyzer<UnknownPropertiesException> {

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, UnknownPropertiesException cause) {
    String list = cause.unknown().stream().limit(UnknownPropertiesException.MAX_LISTED)
        .map(u -> "    " + u.describe()).collect(Collectors.joining("\n"));
    int more = cause.unknown().size() - UnknownPropertiesException.MAX_LISTED;
    return new FailureAnalysis(
        "The node does not know " + (cause.unknown().size() == 1 ? "this property" : "these "
            + "properties") + ", most likely a typo (the node refuses to start rather than run "
            + "with a setting silently ignored):\n" + list
            + (more > 0 ? "\n    ... and " + more + " more" : ""),
        "Correct or remove the misspelt name; every parsigex.* name counts, whether it comes "
            + "from the command line, an environment variable (PARSIGEX_CLUSTER_LOCKFILE is "
            + "parsigex.cluster.lock-file, PARSIGEX_P2P_LISTEN_0 is parsigex.p2p.listen[0]) or "
            + "application.yml. The README's Configuration section and --help list the names.",
        cause);
  }
}
