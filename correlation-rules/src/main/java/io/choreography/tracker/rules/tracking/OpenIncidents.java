package io.choreography.tracker.rules.tracking;

import io.choreography.tracker.model.IncidentType;
import io.choreography.tracker.model.InstanceStatus;
import io.choreography.tracker.rules.definition.EndKind;
import io.choreography.tracker.rules.engine.CompiledProcess;
import io.choreography.tracker.model.IncidentIds;
import io.choreography.tracker.rules.engine.InstanceView;
import java.util.ArrayList;
import java.util.List;

/**
 * The ids of the incidents the engine holds open for an instance, derived from its state: incident ids are
 * deterministic (process, trace id, type, step), so the state's masks are enough. Operator acknowledgements and
 * resolutions are not known here.
 */
public final class OpenIncidents {

  private OpenIncidents() {}

  public static List<String> of(InstanceView s) {
    CompiledProcess p = s.process();
    String process = p.id();
    List<String> ids = new ArrayList<>();
    add(ids, s, IncidentType.STUCK, s.stuckOpenMask());
    if (s.deadlineState() == InstanceView.DEADLINE_OPEN) {
      ids.add(IncidentIds.of(process, s.traceId(), IncidentType.DEADLINE, null));
    }
    add(ids, s, IncidentType.OUT_OF_ORDER, s.outOfOrderRaisedMask());
    add(ids, s, IncidentType.UNEXPECTED, s.unexpectedRaisedMask());
    if (s.phase() == InstanceStatus.FAILED) {
      for (int i = 0; i < p.stepCount(); i++) {
        if (s.isReached(i) && s.reachedAt(i) == s.endedAt()
            && p.step(i).end() == EndKind.FAILED) {
          ids.add(IncidentIds.of(process, s.traceId(), IncidentType.FAILED, p.stepId(i)));
          break;
        }
      }
    }
    return ids;
  }

  private static void add(List<String> ids, InstanceView s, IncidentType type, long mask) {
    for (long m = mask; m != 0; m &= m - 1) {
      ids.add(IncidentIds.of(s.process().id(), s.traceId(), type, s.process().stepId(Long.numberOfTrailingZeros(m))));
    }
  }
}
