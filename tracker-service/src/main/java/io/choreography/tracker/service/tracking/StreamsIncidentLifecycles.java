package io.choreography.tracker.service.tracking;

import io.choreography.tracker.rules.tracking.state.LifecycleEntry;
import io.choreography.tracker.rules.tracking.state.mutable.MutableIncidentLifecycles;
import io.choreography.tracker.model.incidents.IncidentCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;

/**
 * Incident lifecycle entries in a Kafka Streams store. Keys are {@code <owner>\0<incident id>}, so that the entries
 * of an owner are one prefix range; values {@code {"incident":{…},"resolvedByOperator":bool}} (UTF-8 JSON). The
 * store is changelogged and written in the task's transaction, so a replay after a crash sees exactly the entries
 * its outputs were published with.
 */
final class StreamsIncidentLifecycles implements MutableIncidentLifecycles {

  private static final char SEPARATOR = '\0';
  private static final TypeReference<Map<String, Object>> FIELDS = new TypeReference<>() {};

  private final KeyValueStore<String, byte[]> store;

  StreamsIncidentLifecycles(KeyValueStore<String, byte[]> store) {
    this.store = store;
  }

  @Override
  public LifecycleEntry get(String owner, String incidentId) {
    byte[] bytes = store.get(owner + SEPARATOR + incidentId);
    if (bytes == null) {
      return null;
    }
    JsonNode node = TrackerJson.MAPPER.readTree(bytes);
    return new LifecycleEntry(IncidentCodec.incident(TrackerJson.MAPPER.convertValue(node.path("incident"), FIELDS)),
        node.path("resolvedByOperator").asBoolean());
  }

  @Override
  public boolean anyFor(String owner) {
    try (KeyValueIterator<String, byte[]> it = store.prefixScan(owner + SEPARATOR, new StringSerializer())) {
      return it.hasNext();
    }
  }

  @Override
  public void put(String owner, String incidentId, LifecycleEntry entry) {
    store.put(owner + SEPARATOR + incidentId, TrackerJson.MAPPER.writeValueAsBytes(Map.of(
        "incident", IncidentCodec.fields(entry.incident()), "resolvedByOperator", entry.resolvedByOperator())));
  }

  @Override
  public int deleteAllFor(String owner) {
    List<String> keys = new ArrayList<>();
    try (KeyValueIterator<String, byte[]> it = store.prefixScan(owner + SEPARATOR, new StringSerializer())) {
      while (it.hasNext()) {
        keys.add(it.next().key);
      }
    }
    keys.forEach(store::delete);
    return keys.size();
  }
}
