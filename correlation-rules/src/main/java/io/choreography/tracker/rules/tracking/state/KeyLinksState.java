package io.choreography.tracker.rules.tracking.state;

import io.choreography.tracker.rules.tracking.MatchedEvent;
import java.util.List;
import java.util.Map;

/**
 * The links of business key values to instances (SPEC 3.12), read-only. Partitioned like everything else: the task
 * that owns a link key ({@code process/\u0002name=value}) keeps the link and the events waiting for it; the task
 * that owns an instance keeps which values it linked, so that it can remove them with the instance.
 */
public interface KeyLinksState {

  /** The trace id that key value is linked to, or null. */
  String traceOf(String linkKey);

  /** The events waiting for that key value to be linked, in arrival order; empty when none. */
  List<MatchedEvent> waiting(String linkKey);

  /** The key values an instance linked, by key name, each in the order linked; empty when none. */
  Map<String, List<String>> keysOf(String instanceKey);
}
