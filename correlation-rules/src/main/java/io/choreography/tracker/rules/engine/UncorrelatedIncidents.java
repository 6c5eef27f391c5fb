package io.choreography.tracker.rules.engine;

import io.choreography.tracker.model.Incident;
import io.choreography.tracker.model.IncidentIds;
import io.choreography.tracker.model.IncidentStatus;
import io.choreography.tracker.model.IncidentType;
import java.time.Instant;

/**
 * SPEC 3.8: events that match a step but carry no trace id. One UNCORRELATED incident per (process, step) stays
 * open and counts them; the caller keeps the count (without a trace id there is no instance to keep it in, nor to
 * remember event ids in: a redelivery is counted again).
 */
public final class UncorrelatedIncidents {

  private UncorrelatedIncidents() {}

  /**
   * The incident after the {@code count}-th such event of the step, which arrived at {@code arrivedAt}: OPENED for
   * the first, UPDATED afterwards.
   */
  public static IncidentChange counted(CompiledProcess process, int step, long count, long arrivedAt) {
    String stepId = process.stepId(step);
    Incident incident = new Incident(IncidentIds.of(process.id(), null, IncidentType.UNCORRELATED, stepId),
        IncidentType.UNCORRELATED, IncidentStatus.OPEN, process.id(), null, stepId,
        Instant.ofEpochMilli(arrivedAt), null, null, IncidentMessages.uncorrelated(process, step, count),
        count);
    return new IncidentChange(count == 1 ? IncidentChange.Kind.OPENED : IncidentChange.Kind.UPDATED, incident);
  }
}
