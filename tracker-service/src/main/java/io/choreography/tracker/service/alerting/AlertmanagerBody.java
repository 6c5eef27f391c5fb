package io.choreography.tracker.service.alerting;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.json.JsonMapper;

/**
 * What is POSTed to Alertmanager's {@code /api/v2/alerts}: a JSON array of alerts, one per incident.
 *
 * <p>Labels (what Alertmanager groups, routes and silences by; the same for every change of an incident, so each
 * incident is exactly one alert): {@code alertname="TrackerIncident"}, {@code incident} (the incident id),
 * {@code process}, {@code type}, {@code step} (absent for incidents of no step), {@code severity}, plus the configured
 * extra labels. Annotations (what a notification shows; they may change): {@code summary}, {@code description} (the
 * incident's message), {@code status}, {@code count}, {@code trace_id}, and with a UI URL {@code trace_url} (the trace
 * view) and {@code incidents_url} (the inbox); {@code generatorURL} is the first of the two links.
 *
 * <p>{@code startsAt} is when the incident opened. A resolved incident's alert ends when it was resolved. An open
 * incident's alert ends at {@link #OPEN_ENDS_AT}, i.e. not by itself: an incident stays open however long the tracker
 * is away, and a tracker that restarts knows only the incidents it reads after the restart, so an alert that lapsed
 * without being re-sent would falsely resolve. It ends when the tracker sends the incident's resolution.
 */
final class AlertmanagerBody {

  static final String ALERT_NAME = "TrackerIncident";
  /** The labels the tracker sets itself. */
  static final Set<String> LABELS = Set.of("alertname", "incident", "process", "type", "step", "severity");
  static final Instant OPEN_ENDS_AT = Instant.parse("9999-12-31T23:59:59Z");
  static final String CONTENT_TYPE = "application/json";

  /**
   * The default {@code severity} per incident type: DEADLINE (an instance broke its end-to-end promise) is critical;
   * STUCK, FAILED, OUT_OF_ORDER and UNEXPECTED (one instance needs a look) are warnings; UNCORRELATED (events the
   * tracker cannot follow: a producer or definition problem, not an outage) is info. Many stuck instances at once are
   * what the Prometheus rules in dashboards/prometheus page for.
   */
  static final Map<String, String> DEFAULT_SEVERITIES = Map.of("STUCK", "warning", "DEADLINE", "critical", "FAILED",
      "warning", "OUT_OF_ORDER", "warning", "UNEXPECTED", "warning", "UNCORRELATED", "info");

  private AlertmanagerBody() {}

  static byte[] of(List<IncidentAlert> alerts, AlertingProperties.Alertmanager settings, JsonMapper json) {
    List<Map<String, Object>> body = new ArrayList<>(alerts.size());
    for (IncidentAlert a : alerts) {
      body.add(alert(a, settings));
    }
    return json.writeValueAsBytes(body);
  }

  static Map<String, Object> alert(IncidentAlert a, AlertingProperties.Alertmanager settings) {
    Map<String, String> labels = new LinkedHashMap<>(settings.labels());
    labels.put("alertname", ALERT_NAME);
    labels.put("incident", a.incidentId());
    putIfPresent(labels, "process", a.process());
    putIfPresent(labels, "type", a.type());
    putIfPresent(labels, "step", a.step());
    labels.put("severity", severity(a.type(), settings));

    Map<String, String> annotations = new LinkedHashMap<>();
    annotations.put("summary", summary(a));
    putIfPresent(annotations, "description", a.message());
    annotations.put("status", a.status());
    putIfPresent(annotations, "count", a.count());
    putIfPresent(annotations, "trace_id", a.traceId());
    String traceUrl = null;
    String incidentsUrl = null;
    if (settings.uiUrl() != null) {
      String ui = withoutTrailingSlash(settings.uiUrl());
      traceUrl = a.traceId() == null ? null : ui + "/traces/" + pathSegment(a.traceId());
      incidentsUrl = ui + "/incidents";
      putIfPresent(annotations, "trace_url", traceUrl);
      annotations.put("incidents_url", incidentsUrl);
    }

    Map<String, Object> alert = new LinkedHashMap<>();
    alert.put("labels", labels);
    alert.put("annotations", annotations);
    alert.put("startsAt", a.startsAt().toString());
    alert.put("endsAt", (a.resolved() ? a.endsAt() : OPEN_ENDS_AT).toString());
    if (settings.uiUrl() != null) {
      alert.put("generatorURL", traceUrl != null ? traceUrl : incidentsUrl);
    }
    return alert;
  }

  static String severity(String type, AlertingProperties.Alertmanager settings) {
    String configured = type == null ? null : settings.severity(type);
    return configured != null ? configured : DEFAULT_SEVERITIES.getOrDefault(type, "warning");
  }

  /** E.g. "STUCK incident in order-fulfillment at step payment-received". */
  static String summary(IncidentAlert a) {
    StringBuilder s = new StringBuilder(a.type() == null ? "Incident" : a.type() + " incident");
    if (a.process() != null) {
      s.append(" in ").append(a.process());
    }
    if (a.step() != null) {
      s.append(" at step ").append(a.step());
    }
    return s.toString();
  }

  private static void putIfPresent(Map<String, String> map, String key, String value) {
    if (value != null && !value.isEmpty()) {
      map.put(key, value);
    }
  }

  private static String withoutTrailingSlash(URI uri) {
    String s = uri.toString();
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }

  /** A trace id is any string a producer sent: percent-encoded as one path segment. */
  private static String pathSegment(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
