package io.choreography.tracker.model.incidents;

import io.choreography.tracker.model.Incident;
import io.choreography.tracker.model.IncidentStatus;
import io.choreography.tracker.model.IncidentType;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * One record of {@code tracker.incidents}: an incident changed, as a structured-mode CloudEvent whose {@code data} is
 * the whole incident. Written and read by {@link IncidentCodec}.
 *
 * @param id the CloudEvent id, {@code <incident id>/<OPENED|UPDATED|ACKNOWLEDGED|RESOLVED>/<count>}: deterministic, so
 *     consumers can drop replays
 * @param type {@code tracker.incident.opened|updated|acknowledged|resolved}
 * @param time when the change happened; null when a record carries none (or one that cannot be read)
 * @param subject the trace id, or {@code process/step} for an incident of no single trace
 * @param incident the incident after the change, whole
 */
public record IncidentChange(String id, String type, Instant time, String subject, Incident incident) {

  public static final String OPENED = "tracker.incident.opened";
  public static final String UPDATED = "tracker.incident.updated";
  public static final String ACKNOWLEDGED = "tracker.incident.acknowledged";
  public static final String RESOLVED = "tracker.incident.resolved";

  public IncidentChange {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(incident, "incident");
  }

  /**
   * The change the tracker publishes.
   *
   * @param kind OPENED, UPDATED, ACKNOWLEDGED or RESOLVED
   */
  public static IncidentChange of(String kind, Incident incident, Instant time) {
    String subject = incident.type() == IncidentType.UNCORRELATED || incident.traceId() == null
        ? incident.process() + "/" + incident.step() : incident.traceId();
    return new IncidentChange(incident.id() + "/" + kind + "/" + incident.count(),
        "tracker.incident." + kind.toLowerCase(Locale.ROOT), time, subject, incident);
  }

  /** True when this change leaves the incident resolved. */
  public boolean resolves() {
    return RESOLVED.equals(type) || incident.status() == IncidentStatus.RESOLVED;
  }
}
