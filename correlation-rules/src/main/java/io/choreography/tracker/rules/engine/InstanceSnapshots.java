package io.choreography.tracker.rules.engine;

import io.choreography.tracker.model.InstanceSnapshot;
import io.choreography.tracker.model.InstanceSnapshot.ReachedStep;
import io.choreography.tracker.model.InstanceSnapshot.WaitingStep;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds the API view of an instance from its state. Not on the hot path. */
public final class InstanceSnapshots {

  private InstanceSnapshots() {}

  public static InstanceSnapshot of(InstanceView s) {
    CompiledProcess p = s.process();
    Map<String, ReachedStep> steps = new LinkedHashMap<>();
    List<WaitingStep> waiting = new ArrayList<>();
    for (int i = 0; i < p.stepCount(); i++) {
      if (s.isReached(i)) {
        steps.put(p.stepId(i), new ReachedStep(Instant.ofEpochMilli(s.reachedAt(i)), s.eventId(i)));
      } else if (Predecessors.isExpected(s, i)) {
        long since = Predecessors.expectedSince(s, i);
        waiting.add(new WaitingStep(p.stepId(i), Instant.ofEpochMilli(since),
            p.hasWithin(i) ? Instant.ofEpochMilli(since + p.withinMillis(i)) : null));
      }
    }
    return new InstanceSnapshot(p.id(), s.traceId(), s.status(), Instant.ofEpochMilli(s.startedAt()),
        s.endedAt() == InstanceView.NONE ? null : Instant.ofEpochMilli(s.endedAt()), steps, waiting, List.of());
  }
}
