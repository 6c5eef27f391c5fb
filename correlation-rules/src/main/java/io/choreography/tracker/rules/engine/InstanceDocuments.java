package io.choreography.tracker.rules.engine;

import io.choreography.tracker.model.InstanceSnapshot;
import io.choreography.tracker.model.InstanceStatus;
import io.choreography.tracker.model.instances.InstanceDocument;
import io.choreography.tracker.rules.definition.EndKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Builds an instance's published document from its state: the snapshot plus open and past deviations. */
public final class InstanceDocuments {

  private InstanceDocuments() {}

  public static InstanceDocument of(InstanceView s, String version, List<String> openIncidents,
      Map<String, Long> stepDurationsMs, Instant updatedAt) {
    return of(s, version, openIncidents, stepDurationsMs, updatedAt, Map.of());
  }

  /** With the business key values linked to the instance (SPEC 3.12). */
  public static InstanceDocument of(InstanceView s, String version, List<String> openIncidents,
      Map<String, Long> stepDurationsMs, Instant updatedAt, Map<String, List<String>> keys) {
    InstanceSnapshot snapshot = InstanceSnapshots.of(s);
    CompiledProcess p = s.process();
    String failed = null;
    if (s.phase() == InstanceStatus.FAILED) {
      for (int i = 0; i < p.stepCount(); i++) {
        if (s.isReached(i) && s.reachedAt(i) == s.endedAt() && p.end(i) == EndKind.FAILED) {
          failed = p.stepId(i);
          break;
        }
      }
    }
    InstanceDocument.Deviations deviations = new InstanceDocument.Deviations(steps(p, s.stuckRaisedMask()),
        steps(p, s.outOfOrderRaisedMask()), steps(p, s.unexpectedRaisedMask()), failed,
        s.deadlineState() != InstanceView.DEADLINE_NOT_RAISED);
    return new InstanceDocument(snapshot.process(), version, snapshot.traceId(), snapshot.status(),
        snapshot.startedAt(), snapshot.endedAt(), updatedAt, snapshot.steps(), snapshot.waitingFor(), openIncidents,
        steps(p, s.stuckOpenMask()), stepDurationsMs, deviations, keys);
  }

  private static List<String> steps(CompiledProcess p, long mask) {
    List<String> steps = new ArrayList<>(Long.bitCount(mask));
    for (long m = mask; m != 0; m &= m - 1) {
      steps.add(p.stepId(Long.numberOfTrailingZeros(m)));
    }
    return steps;
  }
}
