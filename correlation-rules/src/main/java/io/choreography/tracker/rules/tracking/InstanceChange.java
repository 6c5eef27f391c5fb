package io.choreography.tracker.rules.tracking;

import io.choreography.tracker.rules.engine.InstanceView;
import java.util.List;
import java.util.Map;

/**
 * An instance changed in a way a user can see: what its document needs. {@code state} is the tracker's live state:
 * read it during the call, do not keep it.
 *
 * @param key {@code process/traceId}
 * @param version the definition version the instance started with
 * @param openIncidents ids of the incidents the engine holds open for it
 * @param stepDurationsMs how long each reached step took, by step id
 * @param at when the change happened on the tracker's time line: the arrival of the event that caused it, or the
 *     verdict time of the timer
 * @param keys the business key values the instance linked, by key name (SPEC 3.12)
 */
public record InstanceChange(String key, String version, InstanceView state, List<String> openIncidents,
    Map<String, Long> stepDurationsMs, long at, Map<String, List<String>> keys) {

  /** A change of an instance that linked no business key value. */
  public InstanceChange(String key, String version, InstanceView state, List<String> openIncidents,
      Map<String, Long> stepDurationsMs, long at) {
    this(key, version, state, openIncidents, stepDurationsMs, at, Map.of());
  }
}
