package io.choreography.tracker.model.instances;

import io.choreography.tracker.model.InstanceSnapshot;
import io.choreography.tracker.model.InstanceStatus;
import io.choreography.tracker.model.OrderedMaps;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One process instance as the tracker publishes it on {@code tracker.instances} after every visible change, and as
 * its Elasticsearch document: its whole current state, so that no reader needs an earlier record, plus what the API
 * and the dashboards filter and aggregate on. Written and read by {@link InstanceDocumentCodec}.
 *
 * @param version the definition version the instance started with
 * @param updatedAt when the tracker published this change
 * @param stuckSteps the steps with an open STUCK incident
 * @param stepDurationsMs how long each reached step took
 * @param deviations every deviation the instance has had, open or not (for conformance)
 * @param keys the business key values linked to the instance, by key name (SPEC 3.12); empty for most
 */
public record InstanceDocument(
    String process,
    String version,
    String traceId,
    InstanceStatus status,
    Instant startedAt,
    Instant endedAt,
    Instant updatedAt,
    Map<String, InstanceSnapshot.ReachedStep> steps,
    List<InstanceSnapshot.WaitingStep> waitingFor,
    List<String> openIncidents,
    List<String> stuckSteps,
    Map<String, Long> stepDurationsMs,
    Deviations deviations,
    Map<String, List<String>> keys) {

  public InstanceDocument {
    Objects.requireNonNull(process, "process");
    Objects.requireNonNull(traceId, "traceId");
    Objects.requireNonNull(status, "status");
    steps = steps == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(steps));
    waitingFor = waitingFor == null ? List.of() : List.copyOf(waitingFor);
    openIncidents = openIncidents == null ? List.of() : List.copyOf(openIncidents);
    stuckSteps = stuckSteps == null ? List.of() : List.copyOf(stuckSteps);
    stepDurationsMs = stepDurationsMs == null ? Map.of()
        : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(stepDurationsMs));
    deviations = deviations == null ? Deviations.NONE : deviations;
    keys = OrderedMaps.copyOf(keys);
  }

  /** An instance that linked no business key value. */
  public InstanceDocument(String process, String version, String traceId, InstanceStatus status, Instant startedAt,
      Instant endedAt, Instant updatedAt, Map<String, InstanceSnapshot.ReachedStep> steps,
      List<InstanceSnapshot.WaitingStep> waitingFor, List<String> openIncidents, List<String> stuckSteps,
      Map<String, Long> stepDurationsMs, Deviations deviations) {
    this(process, version, traceId, status, startedAt, endedAt, updatedAt, steps, waitingFor, openIncidents,
        stuckSteps, stepDurationsMs, deviations, Map.of());
  }

  /** {@code process/traceId}. */
  public String key() {
    return process + "/" + traceId;
  }

  /**
   * What went wrong with the instance so far, whether its incidents are still open or not: the steps that got STUCK,
   * OUT_OF_ORDER or UNEXPECTED, the end step that FAILED it, whether its DEADLINE passed.
   */
  public record Deviations(List<String> stuck, List<String> outOfOrder, List<String> unexpected, String failed,
      boolean deadline) {

    public static final Deviations NONE = new Deviations(List.of(), List.of(), List.of(), null, false);

    public Deviations {
      stuck = stuck == null ? List.of() : List.copyOf(stuck);
      outOfOrder = outOfOrder == null ? List.of() : List.copyOf(outOfOrder);
      unexpected = unexpected == null ? List.of() : List.copyOf(unexpected);
    }

    /** Whether the instance has had any incident of its own. */
    public boolean any() {
      return !stuck.isEmpty() || !outOfOrder.isEmpty() || !unexpected.isEmpty() || failed != null || deadline;
    }
  }
}
