package io.choreography.tracker.service.alerting;

import io.choreography.tracker.model.Incident;
import java.time.Instant;

/**
 * What an alert says about one incident, as its latest event told it: kept in memory while the incident is open (so
 * only the fields an alert shows) and turned into an Alertmanager alert by {@link AlertmanagerBody}.
 *
 * @param incidentId the incident's id: the label that makes each incident its own alert
 * @param type STUCK, DEADLINE, OUT_OF_ORDER, UNEXPECTED, UNCORRELATED or FAILED (null if absent)
 * @param status OPEN, ACKNOWLEDGED or RESOLVED
 * @param process the process id (null if absent)
 * @param traceId the trace id (null for incidents of no single trace, e.g. UNCORRELATED)
 * @param step the step (null for incidents of no step)
 * @param message the incident's one-sentence explanation
 * @param count how often it occurred
 * @param startsAt when the incident opened
 * @param endsAt when it was resolved; null while it is open
 * @param changedAt the time of the event that told this; null when the event had none
 */
record IncidentAlert(String incidentId, String type, String status, String process, String traceId, String step,
    String message, String count, Instant startsAt, Instant endsAt, Instant changedAt) {

  static IncidentAlert of(IncidentEvent event, Instant now) {
    Incident i = event.incident();
    Instant changed = event.time();
    Instant opened = firstOf(i.openedAt(), changed, now);
    Instant ends = null;
    if (event.resolves()) {
      ends = firstOf(i.resolvedAt(), changed, now);
      if (ends.isBefore(opened)) {
        ends = opened; // Alertmanager refuses an alert that ends before it starts
      }
    }
    return new IncidentAlert(i.id(), i.type().name(), i.status().name(), i.process(), i.traceId(), i.step(),
        i.message(), String.valueOf(i.count()), opened, ends, changed);
  }

  boolean resolved() {
    return endsAt != null;
  }

  private static Instant firstOf(Instant a, Instant b, Instant c) {
    return a != null ? a : b != null ? b : c;
  }
}
