package io.choreography.tracker.service.tracking;

import io.choreography.tracker.model.InstanceSnapshot;
import io.choreography.tracker.rules.engine.InstanceSnapshots;
import io.choreography.tracker.rules.engine.InstanceView;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The value of a {@code tracker.instances} record: the instance's whole current state, so that a consumer never
 * needs an earlier record to know where an instance stands.
 */
final class InstanceChangeJson {

  private InstanceChangeJson() {}

  static byte[] of(String version, InstanceView state, long updatedAt) {
    InstanceSnapshot s = InstanceSnapshots.of(state);
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("process", s.process());
    doc.put("version", version);
    doc.put("traceId", s.traceId());
    doc.put("status", s.status().name());
    doc.put("startedAt", TrackerJson.time(s.startedAt()));
    doc.put("endedAt", TrackerJson.time(s.endedAt()));
    doc.put("updatedAt", TrackerJson.time(updatedAt));
    Map<String, Object> steps = new LinkedHashMap<>();
    s.steps().forEach((id, r) -> {
      Map<String, Object> step = new LinkedHashMap<>();
      step.put("reachedAt", TrackerJson.time(r.reachedAt()));
      step.put("eventId", r.eventId());
      steps.put(id, step);
    });
    doc.put("steps", steps);
    List<Map<String, Object>> waiting = new ArrayList<>();
    for (InstanceSnapshot.WaitingStep w : s.waitingFor()) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("step", w.step());
      entry.put("since", TrackerJson.time(w.since()));
      entry.put("due", TrackerJson.time(w.due()));
      waiting.add(entry);
    }
    doc.put("waitingFor", waiting);
    doc.put("openIncidents", OpenIncidents.of(state));
    doc.put("stepDurationsMs", StepDurations.of(state));
    return TrackerJson.MAPPER.writeValueAsBytes(doc);
  }
}
