package io.choreography.tracker.service.tracking;

import io.choreography.tracker.model.InstanceSnapshot;
import io.choreography.tracker.rules.engine.InstanceSnapshots;
import io.choreography.tracker.rules.tracking.InstanceChange;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.Map;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/**
 * The value of a {@code tracker.instances} record: the instance's whole current state, so that a consumer never
 * needs an earlier record to know where an instance stands. Written field by field (one per event tracked).
 */
final class InstanceChangeJson {

  private static final JsonFactory JSON = new JsonFactory();

  private InstanceChangeJson() {}

  static byte[] of(InstanceChange change, long updatedAt) {
    InstanceSnapshot s = InstanceSnapshots.of(change.state());
    ByteArrayOutputStream out = new ByteArrayOutputStream(512);
    try (JsonGenerator g = JSON.createGenerator(ObjectWriteContext.empty(), out)) {
      g.writeStartObject();
      g.writeStringProperty("process", s.process());
      g.writeStringProperty("version", change.version());
      g.writeStringProperty("traceId", s.traceId());
      g.writeStringProperty("status", s.status().name());
      time(g, "startedAt", s.startedAt());
      time(g, "endedAt", s.endedAt());
      g.writeStringProperty("updatedAt", TrackerJson.time(updatedAt));
      g.writeObjectPropertyStart("steps");
      for (Map.Entry<String, InstanceSnapshot.ReachedStep> step : s.steps().entrySet()) {
        g.writeObjectPropertyStart(step.getKey());
        time(g, "reachedAt", step.getValue().reachedAt());
        g.writeStringProperty("eventId", step.getValue().eventId());
        g.writeEndObject();
      }
      g.writeEndObject();
      g.writeArrayPropertyStart("waitingFor");
      for (InstanceSnapshot.WaitingStep w : s.waitingFor()) {
        g.writeStartObject();
        g.writeStringProperty("step", w.step());
        time(g, "since", w.since());
        time(g, "due", w.due());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeArrayPropertyStart("openIncidents");
      for (String id : change.openIncidents()) {
        g.writeString(id);
      }
      g.writeEndArray();
      g.writeObjectPropertyStart("stepDurationsMs");
      for (Map.Entry<String, Long> d : change.stepDurationsMs().entrySet()) {
        g.writeNumberProperty(d.getKey(), d.getValue());
      }
      g.writeEndObject();
      g.writeEndObject();
    }
    return out.toByteArray();
  }

  private static void time(JsonGenerator g, String name, Instant t) {
    g.writeStringProperty(name, TrackerJson.time(t));
  }
}
