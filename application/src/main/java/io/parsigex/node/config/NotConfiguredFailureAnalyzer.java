package io.parsigex.node.config;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a {@link NotConfiguredException} into a report listing what to set. */
public final class NotConfiguredFailureAnalyzer
    extends AbstractFailureAnalyzer<NotConfiguredException> {

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, NotConfiguredException cause) {
    return new FailureAnalysis(
        "The node has nothing to run: no cluster is configured (no parsigex.cluster.lock-file, "
            + "parsigex.cluster.peers, parsigex.cluster.validators or parsigex.identity.key-file "
            + "is set) and parsigex.mode is not demo.",
        "Set " + NotConfiguredException.LOOKED_FOR + ". For the demo: "
            + "java -jar parsigex-node.jar --parsigex.mode=demo (or the Spring profile 'demo'). "
            + "A property name with a typo counts as not set; see the README's Configuration "
            + "section, or run with --help.",
        cause);
  }
}
