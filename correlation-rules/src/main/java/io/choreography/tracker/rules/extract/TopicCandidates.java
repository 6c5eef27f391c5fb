package io.choreography.tracker.rules.extract;

import java.util.ArrayList;
import java.util.List;

/**
 * For one topic: the processes that have steps on it and those steps in definition order. Computed once per
 * topic and cached, so the per-record work is only type and {@code where} checks.
 */
record TopicCandidates(List<Candidate> processes) {

  record Candidate(CompiledProcess process, List<CompiledStep> steps) {}

  static TopicCandidates of(String topic, List<CompiledProcess> processes) {
    List<Candidate> candidates = new ArrayList<>();
    for (CompiledProcess process : processes) {
      List<CompiledStep> steps = new ArrayList<>();
      for (CompiledStep step : process.steps()) {
        if (step.onTopic(topic)) {
          steps.add(step);
        }
      }
      if (!steps.isEmpty()) {
        candidates.add(new Candidate(process, List.copyOf(steps)));
      }
    }
    return new TopicCandidates(List.copyOf(candidates));
  }
}
