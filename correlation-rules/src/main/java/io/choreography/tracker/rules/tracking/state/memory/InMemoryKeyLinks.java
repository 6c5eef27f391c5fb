package io.choreography.tracker.rules.tracking.state.memory;

import io.choreography.tracker.rules.tracking.MatchedEvent;
import io.choreography.tracker.rules.tracking.state.KeyLinkEntries;
import io.choreography.tracker.rules.tracking.state.mutable.MutableKeyLinks;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Links of business key values in memory, for replay and tests: in {@link ArenaTable}s, the waiting events and an
 * instance's values encoded as the service's store encodes them ({@link KeyLinkEntries}), so that what is read back
 * is a copy, as from the service's store.
 */
public final class InMemoryKeyLinks implements MutableKeyLinks {

  private final ArenaTable links = new ArenaTable();
  private final ArenaTable waiting = new ArenaTable();
  private final ArenaTable keys = new ArenaTable();

  @Override
  public String traceOf(String linkKey) {
    return links.read(linkKey, (bytes, offset, length) -> new String(bytes, offset, length, StandardCharsets.UTF_8));
  }

  @Override
  public List<MatchedEvent> waiting(String linkKey) {
    List<MatchedEvent> events = waiting.read(linkKey, KeyLinkEntries::decodeWaiting);
    return events == null ? List.of() : events;
  }

  @Override
  public Map<String, List<String>> keysOf(String instanceKey) {
    Map<String, List<String>> values = keys.read(instanceKey, KeyLinkEntries::decodeKeys);
    return values == null ? Map.of() : values;
  }

  @Override
  public void link(String linkKey, String traceId) {
    links.put(linkKey, traceId.getBytes(StandardCharsets.UTF_8));
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
      waiting.put(linkKey, KeyLinkEntries.encodeWaiting(events));
    }
  }

  @Override
  public void keysOf(String instanceKey, Map<String, List<String>> values) {
    if (values.isEmpty()) {
      keys.remove(instanceKey);
    } else {
      keys.put(instanceKey, KeyLinkEntries.encodeKeys(values));
    }
  }

  /** How many key values are linked. */
  public int links() {
    return links.size();
  }
}
