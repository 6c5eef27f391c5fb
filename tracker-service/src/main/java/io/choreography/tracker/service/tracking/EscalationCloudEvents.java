package io.choreography.tracker.service.tracking;

import io.choreography.tracker.rules.engine.EscalationCommand;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * An escalation (e.g. DelayNotice) as a structured-mode CloudEvent on the topic the definition names. It carries
 * the trace id as {@code subject} and as the {@code traceid} extension, plus a W3C {@code traceparent} extension
 * when the trace id is a W3C one, so the services acting on it stay in the same trace.
 */
final class EscalationCloudEvents {

  private static final Pattern W3C_TRACE_ID = Pattern.compile("[0-9a-f]{32}");

  private EscalationCloudEvents() {}

  static byte[] of(EscalationCommand c) {
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("specversion", "1.0");
    event.put("id", c.id());
    event.put("source", IncidentCloudEvents.SOURCE);
    event.put("type", c.type());
    event.put("time", TrackerJson.time(c.dueAt()));
    event.put("subject", c.traceId());
    event.put("traceid", c.traceId());
    String parent = traceparent(c);
    if (parent != null) {
      event.put("traceparent", parent);
    }
    event.put("datacontenttype", "application/json");
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("process", c.process());
    data.put("traceId", c.traceId());
    data.put("escalation", c.escalation());
    data.put("dueAt", TrackerJson.time(c.dueAt()));
    event.put("data", data);
    return TrackerJson.MAPPER.writeValueAsBytes(event);
  }

  /** A W3C traceparent in the instance's trace; the span id is derived from the command id, so replays agree. */
  static String traceparent(EscalationCommand c) {
    if (c.traceId() == null || !W3C_TRACE_ID.matcher(c.traceId()).matches()) {
      return null;
    }
    UUID u = UUID.nameUUIDFromBytes(c.id().getBytes(StandardCharsets.UTF_8));
    long span = u.getLeastSignificantBits() | 1;
    return "00-" + c.traceId() + "-" + String.format("%016x", span) + "-01";
  }
}
