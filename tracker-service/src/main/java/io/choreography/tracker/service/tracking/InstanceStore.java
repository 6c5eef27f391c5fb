package io.choreography.tracker.service.tracking;

import io.choreography.tracker.model.InstanceSnapshot;
import io.choreography.tracker.rules.definition.ProcessDefinition;
import io.choreography.tracker.rules.definition.ProcessDefinitions;
import io.choreography.tracker.rules.engine.CompiledProcess;
import io.choreography.tracker.rules.engine.InstanceSnapshots;
import io.choreography.tracker.rules.tracking.InstanceKeys;
import io.choreography.tracker.rules.tracking.state.StoredInstance;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Reads instances from this process's own instance store (interactive queries). An instance whose trace lives on
 * another tracker process, or one read during a rebalance, is not found here.
 */
public final class InstanceStore {

  private final TrackingStreams streams;
  private final Map<String, CompiledProcess> processes = new HashMap<>();

  public InstanceStore(TrackingStreams streams, ProcessDefinitions definitions) {
    this.streams = streams;
    for (ProcessDefinition d : definitions.all()) {
      processes.put(d.id(), CompiledProcess.compile(d));
    }
  }

  public Optional<InstanceSnapshot> find(String process, String traceId) {
    CompiledProcess compiled = processes.get(process);
    KafkaStreams s = streams.streams();
    if (compiled == null || s == null) {
      return Optional.empty();
    }
    try {
      ReadOnlyKeyValueStore<String, byte[]> store = s.store(
          StoreQueryParameters.fromNameAndType(TrackingStores.INSTANCES, QueryableStoreTypes.keyValueStore()));
      byte[] stored = store.get(InstanceKeys.of(process, traceId));
      return stored == null ? Optional.empty()
          : Optional.of(InstanceSnapshots.of(StoredInstance.decode(compiled, stored)));
    } catch (InvalidStateStoreException | IllegalArgumentException e) {
      // not queryable right now (starting, rebalancing) or written with a definition of another shape
      return Optional.empty();
    }
  }
}
