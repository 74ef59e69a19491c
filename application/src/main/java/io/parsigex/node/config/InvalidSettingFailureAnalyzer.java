package io.parsigex.node.config;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns an {@link InvalidSettingException} into a short startup report naming the property. */
public final class InvalidSettingFailureAnalyzer
    extends AbstractFailureAnalyzer<InvalidSettingException> {

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, InvalidSettingException cause) {
    return new FailureAnalysis(
        "The setting '" + cause.property() + "' cannot be used: " + cause.getMessage(),
        cause.action(),
        cause);
  }
}
