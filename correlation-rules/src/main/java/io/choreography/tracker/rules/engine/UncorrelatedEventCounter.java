package io.choreography.tracker.rules.engine;

import io.choreography.tracker.model.Incident;
import io.choreography.tracker.model.IncidentStatus;
import io.choreography.tracker.model.IncidentType;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.Map;

/**
 * SPEC 3.8: events that match a step but carry no trace id. One UNCORRELATED incident per (process, step) stays
 * open and counts them. Not thread-safe; the service keeps one per partition and persists {@link #count} with
 * {@link #restore} if it wants counts to survive restarts. Duplicate deliveries are counted again: without a
 * trace id there is no instance to remember event ids in.
 */
public final class UncorrelatedEventCounter {

  private record Key(String process, int step) {}

  private final InstantSource clock;
  private final Map<Key, long[]> counts = new HashMap<>();

  public UncorrelatedEventCounter(InstantSource clock) {
    this.clock = clock;
  }

  /** Counts one event and returns the incident: OPENED for the first, UPDATED (count + 1) afterwards. */
  public IncidentChange record(CompiledProcess process, int step) {
    long[] c = counts.computeIfAbsent(new Key(process.id(), step), k -> new long[1]);
    long count = ++c[0];
    String stepId = process.stepId(step);
    Incident incident = new Incident(IncidentIds.of(process.id(), null, IncidentType.UNCORRELATED, stepId),
        IncidentType.UNCORRELATED, IncidentStatus.OPEN, process.id(), null, stepId, clock.instant(), null, null,
        IncidentMessages.uncorrelated(process, step, count), count);
    return new IncidentChange(count == 1 ? IncidentChange.Kind.OPENED : IncidentChange.Kind.UPDATED, incident);
  }

  public long count(String process, int step) {
    long[] c = counts.get(new Key(process, step));
    return c == null ? 0 : c[0];
  }

  /** Sets the count known from a previous run (e.g. the stored incident's count). */
  public void restore(String process, int step, long count) {
    counts.computeIfAbsent(new Key(process, step), k -> new long[1])[0] = count;
  }
}
