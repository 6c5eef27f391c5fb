package io.choreography.tracker.rules.definition;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** The rules across the steps of one process (SPEC 2, "Validation rejects"); each reports at the offending line. */
final class ProcessRules {

  private final ProcessDraft process;
  private final Problems problems;
  /** First step of each id; later duplicates are reported and otherwise ignored. */
  private final Map<String, StepDraft> byId = new LinkedHashMap<>();

  private ProcessRules(ProcessDraft process, Problems problems) {
    this.process = process;
    this.problems = problems;
  }

  static void check(ProcessDraft process, Problems problems) {
    ProcessRules rules = new ProcessRules(process, problems);
    rules.uniqueStepIds();
    rules.afterNamesKnownSteps();
    rules.noCycles();
    rules.hasStartAndEnd();
    rules.stepFlagsAgree();
    rules.choiceMembersShareAfter();
  }

  private void uniqueStepIds() {
    for (StepDraft step : process.steps()) {
      StepDraft first = byId.putIfAbsent(step.id(), step);
      if (first != null) {
        problems.add(step.line(), "", "duplicate step id '" + step.id() + "' (first defined on line "
            + first.line() + ")");
      }
    }
  }

  private void afterNamesKnownSteps() {
    for (StepDraft step : process.steps()) {
      for (Map.Entry<String, Integer> e : step.afterLines().entrySet()) {
        String context = "step '" + step.id() + "'";
        if (e.getKey().equals(step.id())) {
          problems.add(e.getValue(), context, "lists itself in 'after'");
        } else if (!byId.containsKey(e.getKey())) {
          problems.add(e.getValue(), context, "'after' names unknown step '" + e.getKey() + "'"
              + KeySuggestion.hint(e.getKey(), byId.keySet()));
        }
      }
    }
  }

  private void noCycles() {
    LinkedHashMap<String, List<String>> graph = new LinkedHashMap<>();
    for (StepDraft step : byId.values()) {
      graph.put(step.id(), step.after().steps().stream()
          .filter(id -> !id.equals(step.id()) && byId.containsKey(id))
          .toList());
    }
    for (List<String> cycle : CycleFinder.find(graph)) {
      problems.add(byId.get(cycle.get(0)).line(), "", "cycle in 'after': " + String.join(" -> ", cycle));
    }
  }

  private void hasStartAndEnd() {
    if (process.steps().isEmpty()) {
      return; // already reported as missing or empty 'steps'
    }
    String name = "process '" + (process.id() == null ? "?" : process.id()) + "'";
    if (process.steps().stream().noneMatch(s -> s.after().isStart())) {
      problems.add(process.stepsLine(), "", name + " has no start step (a step without 'after')");
    }
    if (process.steps().stream().noneMatch(s -> s.end() != null)) {
      problems.add(process.stepsLine(), "", name
          + " has no end step (a step with 'end: completed' or 'end: failed')");
    }
  }

  private void stepFlagsAgree() {
    for (StepDraft step : process.steps()) {
      String context = "step '" + step.id() + "'";
      if (step.optional() && step.within() != null) {
        problems.add(step.withinLine(), context,
            "'within' is not allowed on an optional step (an optional step is never stuck)");
      }
      if (step.repeat() && step.end() != null) {
        problems.add(step.repeatLine(), context,
            "'repeat: true' is not allowed on an end step (reaching it ends the instance)");
      }
    }
  }

  private void choiceMembersShareAfter() {
    Map<String, StepDraft> firstOfChoice = new HashMap<>();
    for (StepDraft step : process.steps()) {
      if (step.choice() == null) {
        continue;
      }
      StepDraft first = firstOfChoice.putIfAbsent(step.choice(), step);
      if (first != null && !sameAfter(first.after(), step.after())) {
        problems.add(step.choiceLine(), "", "choice '" + step.choice() + "': members must have the same 'after', but '"
            + step.id() + "' is after " + render(step.after()) + " and '" + first.id() + "' is after "
            + render(first.after()));
      }
    }
  }

  private static boolean sameAfter(After a, After b) {
    // [x, y] and [y, x] wait for the same thing; a single predecessor means the same under ALL and ANY.
    boolean sameMode = a.mode() == b.mode() || a.steps().size() <= 1;
    return sameMode && new TreeSet<>(a.steps()).equals(new TreeSet<>(b.steps()));
  }

  private static String render(After after) {
    String list = "[" + String.join(", ", after.steps()) + "]";
    return after.mode() == After.Mode.ANY ? "{any: " + list + "}" : list;
  }
}
