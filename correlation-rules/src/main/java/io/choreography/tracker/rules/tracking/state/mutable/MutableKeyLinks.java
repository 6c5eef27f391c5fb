package io.choreography.tracker.rules.tracking.state.mutable;

import io.choreography.tracker.rules.tracking.MatchedEvent;
import io.choreography.tracker.rules.tracking.state.KeyLinksState;
import java.util.List;
import java.util.Map;

public interface MutableKeyLinks extends KeyLinksState {

  void link(String linkKey, String traceId);

  void unlink(String linkKey);

  /** Replaces the events waiting for that link; an empty list removes the entry. */
  void waiting(String linkKey, List<MatchedEvent> events);

  /** Replaces the key values of an instance; an empty map removes the entry. */
  void keysOf(String instanceKey, Map<String, List<String>> keys);
}
