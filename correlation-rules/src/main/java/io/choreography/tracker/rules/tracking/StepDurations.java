package io.choreography.tracker.rules.tracking;

import io.choreography.tracker.rules.definition.After;
import io.choreography.tracker.rules.definition.StepDefinition;
import io.choreography.tracker.rules.engine.CompiledProcess;
import io.choreography.tracker.rules.engine.InstanceView;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How long each reached step took: from when it became expected (the latest predecessor's event time for an
 * ALL-join, the earliest reached one's for an ANY-join) to its own event time. Start steps and steps reached
 * before their predecessors have none. Event times, so the figure is the same whatever the arrival order.
 */
public final class StepDurations {

  private StepDurations() {}

  public static Map<String, Long> of(InstanceView s) {
    CompiledProcess p = s.process();
    Map<String, Long> durations = new LinkedHashMap<>();
    for (int i = 0; i < p.stepCount(); i++) {
      if (!s.isReached(i)) {
        continue;
      }
      StepDefinition step = p.step(i);
      long since = expectedSince(s, p, step.after());
      if (since != InstanceView.NONE) {
        durations.put(step.id(), Math.max(0, s.reachedAt(i) - since));
      }
    }
    return durations;
  }

  private static long expectedSince(InstanceView s, CompiledProcess p, After after) {
    if (after.steps().isEmpty()) {
      return InstanceView.NONE;
    }
    boolean any = after.mode() == After.Mode.ANY;
    long since = InstanceView.NONE;
    for (String id : after.steps()) {
      int j = p.stepIndex(id);
      if (!s.isReached(j)) {
        if (!any) {
          return InstanceView.NONE;
        }
        continue;
      }
      long t = s.reachedAt(j);
      if (since == InstanceView.NONE || (any ? t < since : t > since)) {
        since = t;
      }
    }
    return since;
  }
}
