package io.choreography.tracker.service.config;

import io.choreography.tracker.rules.definition.DefinitionException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns invalid definitions into a start-up message naming each file, line and problem, without a stack trace. */
public class DefinitionFailureAnalyzer extends AbstractFailureAnalyzer<DefinitionException> {

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, DefinitionException cause) {
    return new FailureAnalysis(cause.getMessage(),
        "Fix the process definitions listed above (see the definition format in docs/definitions.md), then start again.",
        cause);
  }
}
