package io.choreography.tracker.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One process instance as the API shows it (SPEC section 5, {@code GET /api/instances/{process}/{traceId}}).
 *
 * @param endedAt null while running
 * @param steps reached steps by id, in definition order
 * @param waitingFor expected steps; {@code due} is null for a step without {@code within}
 * @param incidents filled by the service from its incident store; the engine leaves it empty
 */
public record InstanceSnapshot(
    String process,
    String traceId,
    InstanceStatus status,
    Instant startedAt,
    Instant endedAt,
    Map<String, ReachedStep> steps,
    List<WaitingStep> waitingFor,
    List<Incident> incidents) {

  public InstanceSnapshot {
    steps = steps == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(steps));
    waitingFor = waitingFor == null ? List.of() : List.copyOf(waitingFor);
    incidents = incidents == null ? List.of() : List.copyOf(incidents);
  }

  public record ReachedStep(Instant reachedAt, String eventId) {}

  public record WaitingStep(String step, Instant since, Instant due) {}

  public InstanceSnapshot withIncidents(List<Incident> incidents) {
    return new InstanceSnapshot(process, traceId, status, startedAt, endedAt, steps, waitingFor, incidents);
  }
}
