package io.choreography.tracker.rules.engine;

import io.choreography.tracker.rules.definition.After;
import io.choreography.tracker.rules.definition.EndKind;
import io.choreography.tracker.rules.definition.Escalation;
import io.choreography.tracker.rules.definition.ProcessDefinition;
import io.choreography.tracker.rules.definition.StepDefinition;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A process definition flattened for the hot path: steps by index, predecessors and choice groups as 64-bit
 * masks, durations in milliseconds. Built once per definition; immutable and thread-safe.
 *
 * <p>Limited to 64 steps so that every set of steps fits in one {@code long}.
 */
public final class CompiledProcess {

  public static final int MAX_STEPS = 64;
  static final long NONE = Long.MIN_VALUE;

  private final ProcessDefinition definition;
  private final String[] stepIds;
  private final Map<String, Integer> indexById;
  private final long[] afterMask;
  private final boolean[] afterAny;
  private final long[] choiceSiblings;
  private final long[] withinMillis;
  private final EndKind[] end;
  private final long optionalMask;
  private final long repeatMask;
  private final long endMask;
  private final long reorderWindowMillis;
  private final long deadlineMillis;
  private final long[] escalationAfterMillis;

  private CompiledProcess(ProcessDefinition definition) {
    this.definition = definition;
    List<StepDefinition> steps = definition.steps();
    int n = steps.size();
    if (n == 0 || n > MAX_STEPS) {
      throw new IllegalArgumentException(
          "process " + definition.id() + " has " + n + " steps; between 1 and " + MAX_STEPS + " are supported");
    }
    stepIds = new String[n];
    indexById = new HashMap<>();
    for (int i = 0; i < n; i++) {
      stepIds[i] = steps.get(i).id();
      indexById.put(stepIds[i], i);
    }
    afterMask = new long[n];
    afterAny = new boolean[n];
    choiceSiblings = new long[n];
    withinMillis = new long[n];
    end = new EndKind[n];
    long optional = 0;
    long repeat = 0;
    long ends = 0;
    for (int i = 0; i < n; i++) {
      StepDefinition s = steps.get(i);
      After after = s.after();
      for (String p : after.steps()) {
        Integer pi = indexById.get(p);
        if (pi == null) {
          throw new IllegalArgumentException("step " + s.id() + " names unknown predecessor " + p);
        }
        afterMask[i] |= 1L << pi;
      }
      afterAny[i] = after.mode() == After.Mode.ANY;
      withinMillis[i] = s.within() == null ? NONE : s.within().toMillis();
      end[i] = s.end();
      if (s.optional()) {
        optional |= 1L << i;
      }
      if (s.repeat()) {
        repeat |= 1L << i;
      }
      if (s.end() != null) {
        ends |= 1L << i;
      }
      if (s.choice() != null) {
        for (int j = 0; j < n; j++) {
          if (j != i && s.choice().equals(steps.get(j).choice())) {
            choiceSiblings[i] |= 1L << j;
          }
        }
      }
    }
    optionalMask = optional;
    repeatMask = repeat;
    endMask = ends;
    reorderWindowMillis = (definition.reorderWindow() == null
        ? ProcessDefinition.DEFAULT_REORDER_WINDOW : definition.reorderWindow()).toMillis();
    deadlineMillis = definition.deadline() == null ? NONE : definition.deadline().toMillis();
    List<Escalation> escalations = definition.escalations();
    if (escalations.size() > 32) {
      throw new IllegalArgumentException("process " + definition.id() + ": at most 32 escalations are supported");
    }
    escalationAfterMillis = new long[escalations.size()];
    for (int i = 0; i < escalationAfterMillis.length; i++) {
      escalationAfterMillis[i] = escalations.get(i).after().toMillis();
    }
  }

  public static CompiledProcess compile(ProcessDefinition definition) {
    return new CompiledProcess(definition);
  }

  public ProcessDefinition definition() {
    return definition;
  }

  public String id() {
    return definition.id();
  }

  public int stepCount() {
    return stepIds.length;
  }

  public String stepId(int index) {
    return stepIds[index];
  }

  /** Index of the step with that id, or -1. */
  public int stepIndex(String stepId) {
    Integer i = indexById.get(stepId);
    return i == null ? -1 : i;
  }

  public StepDefinition step(int index) {
    return definition.steps().get(index);
  }

  long afterMask(int step) {
    return afterMask[step];
  }

  boolean afterAny(int step) {
    return afterAny[step];
  }

  long choiceSiblings(int step) {
    return choiceSiblings[step];
  }

  /** {@code within} in milliseconds, or {@link #NONE}. */
  long withinMillis(int step) {
    return withinMillis[step];
  }

  boolean hasWithin(int step) {
    return withinMillis[step] != NONE;
  }

  EndKind end(int step) {
    return end[step];
  }

  boolean isEnd(int step) {
    return (endMask & (1L << step)) != 0;
  }

  boolean isOptional(int step) {
    return (optionalMask & (1L << step)) != 0;
  }

  boolean isRepeat(int step) {
    return (repeatMask & (1L << step)) != 0;
  }

  long reorderWindowMillis() {
    return reorderWindowMillis;
  }

  boolean hasDeadline() {
    return deadlineMillis != NONE;
  }

  long deadlineMillis() {
    return deadlineMillis;
  }

  int escalationCount() {
    return escalationAfterMillis.length;
  }

  long escalationAfterMillis(int i) {
    return escalationAfterMillis[i];
  }

  Escalation escalation(int i) {
    return definition.escalations().get(i);
  }
}
