package io.choreography.tracker.rules.tracking.state.memory;

import io.choreography.tracker.rules.tracking.MatchedEvent;
import io.choreography.tracker.rules.tracking.state.mutable.MutableKeyLinks;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Links of business key values in memory: for replay and tests. */
public final class InMemoryKeyLinks implements MutableKeyLinks {

  private final Map<String, String> links = new HashMap<>();
  private final Map<String, List<MatchedEvent>> waiting = new HashMap<>();
  private final Map<String, Map<String, List<String>>> keys = new HashMap<>();

  @Override
  public String traceOf(String linkKey) {
    return links.get(linkKey);
  }

  @Override
  public List<MatchedEvent> waiting(String linkKey) {
    return waiting.getOrDefault(linkKey, List.of());
  }

  @Override
  public Map<String, List<String>> keysOf(String instanceKey) {
    return keys.getOrDefault(instanceKey, Map.of());
  }

  @Override
  public void link(String linkKey, String traceId) {
    links.put(linkKey, traceId);
  }

  @Override
  public void unlink(String linkKey) {
    links.remove(linkKey);
  }

  @Override
  public void waiting(String linkKey, List<MatchedEvent> events) {
    if (events.isEmpty()) {
      waiting.remove(linkKey);
    } else {
      waiting.put(linkKey, List.copyOf(events));
    }
  }

  @Override
  public void keysOf(String instanceKey, Map<String, List<String>> values) {
    if (values.isEmpty()) {
      keys.remove(instanceKey);
    } else {
      keys.put(instanceKey, values);
    }
  }

  /** How many key values are linked. */
  public int links() {
    return links.size();
  }
}
