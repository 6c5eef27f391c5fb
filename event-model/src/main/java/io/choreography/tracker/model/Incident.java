package io.choreography.tracker.model;

import java.time.Instant;
import java.util.Objects;

/**
 * An incident as users see it (SPEC section 4). {@code traceId} and {@code step} may be null where the
 * type has none (an UNCORRELATED incident has no trace id; a DEADLINE incident has no step).
 */
public record Incident(
    String id,
    IncidentType type,
    IncidentStatus status,
    String process,
    String traceId,
    String step,
    Instant openedAt,
    Instant acknowledgedAt,
    Instant resolvedAt,
    String message,
    long count) {

  public Incident {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(process, "process");
  }
}
