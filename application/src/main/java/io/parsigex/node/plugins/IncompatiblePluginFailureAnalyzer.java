package io.parsigex.node.plugins;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns an {@link IncompatiblePluginException} into a report naming both versions. */
public final class IncompatiblePluginFailureAnalyzer
    extends AbstractFailureAnalyzer<IncompatiblePluginException> {

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, IncompatiblePluginException cause) {
    return new FailureAnalysis(
        "The plugin " + cause.pluginId() + " (" + cause.path() + ") declares Plugin-Requires: "
            + cause.requires() + ", which this node's plugin-api version " + cause.apiVersion()
            + " does not satisfy.",
        "Install a version of " + cause.pluginId() + " built against plugin-api "
            + cause.apiVersion() + " (its manifest's Plugin-Requires must accept "
            + cause.apiVersion() + "), or remove it from the plugin folder.",
        cause);
  }
}
