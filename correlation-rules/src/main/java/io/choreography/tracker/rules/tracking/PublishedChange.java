package io.choreography.tracker.rules.tracking;

import io.choreography.tracker.model.Incident;
import java.util.Locale;

/**
 * An incident change as the tracker publishes it (the incidents topic): the engine's OPENED, UPDATED and RESOLVED,
 * and the operators' ACKNOWLEDGED (an extension of SPEC section 4: {@code tracker.incident.acknowledged}) and
 * RESOLVED, each with the incident's lifecycle applied ({@link IncidentOverlay}).
 */
public record PublishedChange(Kind kind, Incident incident) {

  /** What happened to the incident. */
  public enum Kind {
    OPENED,
    UPDATED,
    ACKNOWLEDGED,
    RESOLVED;

    /** The CloudEvent type, e.g. {@code tracker.incident.acknowledged}. */
    public String cloudEventType() {
      return "tracker.incident." + name().toLowerCase(Locale.ROOT);
    }
  }
}
