package io.choreography.tracker.service.alerting;

import io.choreography.tracker.model.Incident;
import io.choreography.tracker.model.incidents.IncidentChange;
import io.choreography.tracker.model.incidents.IncidentCodec;
import java.time.Instant;

/**
 * One record of the incident topic as the alerting reads it: the change, read by {@link IncidentCodec}, and the
 * CloudEvent as read, byte for byte (what a JSON webhook is sent).
 */
public record IncidentEvent(IncidentChange change, byte[] json) {

  public static final String OPENED = IncidentChange.OPENED;
  public static final String UPDATED = IncidentChange.UPDATED;
  public static final String RESOLVED = IncidentChange.RESOLVED;
  public static final String ACKNOWLEDGED = IncidentChange.ACKNOWLEDGED;

  /** Reads a record value; throws IllegalArgumentException on anything that is not an incident CloudEvent. */
  public static IncidentEvent parse(byte[] value) {
    return new IncidentEvent(IncidentCodec.decode(value), value);
  }

  /** The CloudEvent id, stable across redelivery. */
  public String id() {
    return change.id();
  }

  /** {@code tracker.incident.opened|updated|acknowledged|resolved}. */
  public String type() {
    return change.type();
  }

  /** When it happened, or null when the record says not. */
  public Instant time() {
    return change.time();
  }

  public Incident incident() {
    return change.incident();
  }

  public String incidentId() {
    return change.incident().id();
  }

  /** True when this event leaves the incident resolved. */
  public boolean resolves() {
    return change.resolves();
  }
}
