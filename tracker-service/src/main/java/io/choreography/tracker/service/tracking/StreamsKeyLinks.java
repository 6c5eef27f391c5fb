package io.choreography.tracker.service.tracking;

import io.choreography.tracker.rules.tracking.MatchedEvent;
import io.choreography.tracker.rules.tracking.state.KeyLinkEntries;
import io.choreography.tracker.rules.tracking.state.mutable.MutableKeyLinks;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The links of business key values in one Kafka Streams store ({@link TrackingStores#KEY_LINKS}), three kinds of
 * entries told apart by their first character: {@code L<link key>} to the trace id, {@code W<link key>} to the events
 * waiting for that link, {@code K<instance key>} to the values the instance linked.
 */
final class StreamsKeyLinks implements MutableKeyLinks {

  private final KeyValueStore<String, byte[]> store;

  StreamsKeyLinks(KeyValueStore<String, byte[]> store) {
    this.store = store;
  }

  @Override
  public String traceOf(String linkKey) {
    byte[] trace = store.get("L" + linkKey);
    return trace == null ? null : new String(trace, StandardCharsets.UTF_8);
  }

  @Override
  public List<MatchedEvent> waiting(String linkKey) {
    byte[] waiting = store.get("W" + linkKey);
    return waiting == null ? List.of() : KeyLinkEntries.decodeWaiting(waiting);
  }

  @Override
  public Map<String, List<String>> keysOf(String instanceKey) {
    byte[] keys = store.get("K" + instanceKey);
    return keys == null ? Map.of() : KeyLinkEntries.decodeKeys(keys);
  }

  @Override
  public void link(String linkKey, String traceId) {
    store.put("L" + linkKey, traceId.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public void unlink(String linkKey) {
    store.delete("L" + linkKey);
  }

  @Override
  public void waiting(String linkKey, List<MatchedEvent> events) {
    if (events.isEmpty()) {
      store.delete("W" + linkKey);
    } else {
      store.put("W" + linkKey, KeyLinkEntries.encodeWaiting(events));
    }
  }

  @Override
  public void keysOf(String instanceKey, Map<String, List<String>> keys) {
    if (keys.isEmpty()) {
      store.delete("K" + instanceKey);
    } else {
      store.put("K" + instanceKey, KeyLinkEntries.encodeKeys(keys));
    }
  }
}
