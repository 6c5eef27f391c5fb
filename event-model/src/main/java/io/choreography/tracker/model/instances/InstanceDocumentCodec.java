package io.choreography.tracker.model.instances;

import static io.choreography.tracker.model.wire.JsonTrees.instant;
import static io.choreography.tracker.model.wire.JsonTrees.list;
import static io.choreography.tracker.model.wire.JsonTrees.map;
import static io.choreography.tracker.model.wire.JsonTrees.strings;
import static io.choreography.tracker.model.wire.JsonTrees.text;

import io.choreography.tracker.model.IncidentIds;
import io.choreography.tracker.model.IncidentType;
import io.choreography.tracker.model.InstanceSnapshot;
import io.choreography.tracker.model.InstanceStatus;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import io.choreography.tracker.model.wire.JsonTrees;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/**
 * The one codec of {@code tracker.instances}: the topology writes an instance's document once, as its record; the
 * state writer copies those bytes into Elasticsearch as they are; the API, the live stream and the tests read them
 * back here. Records of the previous format (without the derived fields, without a content type) are still read,
 * their derived fields worked out from what they carry.
 *
 * <pre>
 * {"id", "process", "version", "traceId", "status", "startedAt", "endedAt", "updatedAt",
 *  "steps": {step: {"reachedAt", "eventId"}}, "reachedSteps": [step],
 *  "waitingFor": [{"step", "since", "due"}], "waitingSteps": [step], "stuckSteps": [step],
 *  "openIncidents": [id], "stepDurationsMs": {step: ms},
 *  "deviations": {"stuck": [step], "outOfOrder": [step], "unexpected": [step], "failed": step, "deadline": bool},
 *  "hadIncident": bool, "keys": {name: [value]}, "keyValues": [value]}     (keys only when the instance has some)
 * </pre>
 */
public final class InstanceDocumentCodec {

  /** The {@code content-type} header of the records this codec writes. */
  public static final String CONTENT_TYPE = "application/vnd.choreography-tracker.instance+json; version=2";

  private static final JsonFactory JSON = new JsonFactory();

  private InstanceDocumentCodec() {}

  public static byte[] encode(InstanceDocument d) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(768);
    try (JsonGenerator g = JSON.createGenerator(ObjectWriteContext.empty(), out)) {
      g.writeStartObject();
      g.writeStringProperty("id", d.key());
      g.writeStringProperty("process", d.process());
      g.writeStringProperty("version", d.version());
      g.writeStringProperty("traceId", d.traceId());
      g.writeStringProperty("status", d.status().name());
      time(g, "startedAt", d.startedAt());
      time(g, "endedAt", d.endedAt());
      time(g, "updatedAt", d.updatedAt());
      g.writeObjectPropertyStart("steps");
      for (Map.Entry<String, InstanceSnapshot.ReachedStep> step : d.steps().entrySet()) {
        g.writeObjectPropertyStart(step.getKey());
        time(g, "reachedAt", step.getValue().reachedAt());
        g.writeStringProperty("eventId", step.getValue().eventId());
        g.writeEndObject();
      }
      g.writeEndObject();
      writeStrings(g, "reachedSteps", d.steps().keySet());
      g.writeArrayPropertyStart("waitingFor");
      List<String> waiting = new ArrayList<>(d.waitingFor().size());
      for (InstanceSnapshot.WaitingStep w : d.waitingFor()) {
        g.writeStartObject();
        g.writeStringProperty("step", w.step());
        time(g, "since", w.since());
        time(g, "due", w.due());
        g.writeEndObject();
        waiting.add(w.step());
      }
      g.writeEndArray();
      writeStrings(g, "waitingSteps", waiting);
      writeStrings(g, "stuckSteps", d.stuckSteps());
      writeStrings(g, "openIncidents", d.openIncidents());
      g.writeObjectPropertyStart("stepDurationsMs");
      for (Map.Entry<String, Long> e : d.stepDurationsMs().entrySet()) {
        g.writeNumberProperty(e.getKey(), e.getValue());
      }
      g.writeEndObject();
      InstanceDocument.Deviations v = d.deviations();
      g.writeObjectPropertyStart("deviations");
      writeStrings(g, "stuck", v.stuck());
      writeStrings(g, "outOfOrder", v.outOfOrder());
      writeStrings(g, "unexpected", v.unexpected());
      g.writeStringProperty("failed", v.failed());
      g.writeBooleanProperty("deadline", v.deadline());
      g.writeEndObject();
      g.writeBooleanProperty("hadIncident", v.any());
      if (!d.keys().isEmpty()) {
        g.writeObjectPropertyStart("keys");
        List<String> all = new ArrayList<>();
        for (Map.Entry<String, List<String>> key : d.keys().entrySet()) {
          writeStrings(g, key.getKey(), key.getValue());
          all.addAll(key.getValue());
        }
        g.writeEndObject();
        writeStrings(g, "keyValues", all);
      }
      g.writeEndObject();
    }
    return out.toByteArray();
  }

  /** Reads a record of either format; throws IllegalArgumentException on anything else. */
  public static InstanceDocument decode(byte[] json) {
    Map<String, Object> f = JsonTrees.object(json, "an instance record");
    String process = text(f.get("process"));
    String traceId = text(f.get("traceId"));
    String status = text(f.get("status"));
    if (process == null || traceId == null || status == null) {
      throw new IllegalArgumentException("instance record without process, traceId or status");
    }
    Map<String, InstanceSnapshot.ReachedStep> steps = new LinkedHashMap<>();
    for (Map.Entry<String, Object> s : map(f.get("steps")).entrySet()) {
      Map<String, Object> step = map(s.getValue());
      steps.put(s.getKey(), new InstanceSnapshot.ReachedStep(instant(step.get("reachedAt")),
          text(step.get("eventId"))));
    }
    List<InstanceSnapshot.WaitingStep> waitingFor = new ArrayList<>();
    for (Object o : list(f.get("waitingFor"))) {
      Map<String, Object> w = map(o);
      if (text(w.get("step")) != null) {
        waitingFor.add(new InstanceSnapshot.WaitingStep(text(w.get("step")), instant(w.get("since")),
            instant(w.get("due"))));
      }
    }
    List<String> openIncidents = strings(f.get("openIncidents"));
    List<String> stuckSteps = f.containsKey("stuckSteps") ? strings(f.get("stuckSteps"))
        : stuckSteps(process, traceId, waitingFor, openIncidents);
    Map<String, Long> durations = new LinkedHashMap<>();
    map(f.get("stepDurationsMs")).forEach((k, v) -> {
      if (v instanceof Number n) {
        durations.put(k, n.longValue());
      }
    });
    Map<String, Object> v = map(f.get("deviations"));
    InstanceDocument.Deviations deviations = v.isEmpty() ? InstanceDocument.Deviations.NONE
        : new InstanceDocument.Deviations(strings(v.get("stuck")), strings(v.get("outOfOrder")),
            strings(v.get("unexpected")), text(v.get("failed")), Boolean.TRUE.equals(v.get("deadline")));
    InstanceStatus parsed;
    try {
      parsed = InstanceStatus.valueOf(status);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("instance record with unknown status " + status);
    }
    return new InstanceDocument(process, text(f.get("version")), traceId, parsed, instant(f.get("startedAt")),
        instant(f.get("endedAt")), instant(f.get("updatedAt")), steps, waitingFor, openIncidents, stuckSteps,
        durations, deviations, keys(f.get("keys")));
  }

  private static Map<String, List<String>> keys(Object node) {
    Map<String, List<String>> keys = new LinkedHashMap<>();
    map(node).forEach((name, values) -> {
      List<String> read = strings(values);
      if (!read.isEmpty()) {
        keys.put(name, read);
      }
    });
    return keys;
  }

  /** Previous format: a waiting step is stuck when its STUCK incident (deterministic id) is open. */
  private static List<String> stuckSteps(String process, String traceId, List<InstanceSnapshot.WaitingStep> waiting,
      List<String> open) {
    Set<String> ids = new HashSet<>(open);
    List<String> stuck = new ArrayList<>();
    for (InstanceSnapshot.WaitingStep w : waiting) {
      if (ids.contains(IncidentIds.of(process, traceId, IncidentType.STUCK, w.step()))) {
        stuck.add(w.step());
      }
    }
    return stuck;
  }

  private static void time(JsonGenerator g, String name, Instant t) {
    JsonTrees.time(g, name, t);
  }

  private static void writeStrings(JsonGenerator g, String name, Iterable<String> values) {
    g.writeArrayPropertyStart(name);
    for (String v : values) {
      g.writeString(v);
    }
    g.writeEndArray();
  }
}
