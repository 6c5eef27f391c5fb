package io.choreography.tracker.rules.engine;

import io.choreography.tracker.model.Incident;

/**
 * An incident the engine opened, updated (another occurrence folded into its count; the caller keeps the
 * stored {@code openedAt}) or resolved by itself.
 */
public record IncidentChange(Kind kind, Incident incident) {

  public enum Kind {
    OPENED,
    UPDATED,
    RESOLVED
  }
}
