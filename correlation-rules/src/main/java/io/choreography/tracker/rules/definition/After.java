package io.choreography.tracker.rules.definition;

import java.util.List;

/**
 * The predecessors of a step: {@code after: [a, b]} needs all of them (AND-join), {@code after: {any: [a, b]}}
 * needs one. An empty list marks a start step.
 */
public record After(Mode mode, List<String> steps) {

  public enum Mode {
    ALL,
    ANY
  }

  public static final After NONE = new After(Mode.ALL, List.of());

  public After {
    steps = List.copyOf(steps);
  }

  public boolean isStart() {
    return steps.isEmpty();
  }
}
