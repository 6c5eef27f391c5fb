package io.choreography.tracker.service.tracking;

import io.choreography.tracker.model.Incident;
import java.util.Locale;

/**
 * An incident change as published on the incidents topic: the engine's OPENED, UPDATED and RESOLVED, and the
 * operators' ACKNOWLEDGED (an extension of SPEC section 4: {@code tracker.incident.acknowledged}) and RESOLVED.
 */
record PublishedChange(Kind kind, Incident incident) {

  enum Kind {
    OPENED,
    UPDATED,
    ACKNOWLEDGED,
    RESOLVED;

    /** The CloudEvent type, e.g. {@code tracker.incident.acknowledged}. */
    String cloudEventType() {
      return "tracker.incident." + name().toLowerCase(Locale.ROOT);
    }
  }
}
