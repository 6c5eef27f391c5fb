package io.choreography.tracker.service.tracking;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The persistent (RocksDB, changelogged) stores of the tracking processor. They move with their partitions on a
 * rebalance and survive restarts in the state directory.
 */
public final class TrackingStores {

  /** {@code "<process>/<traceId>"} to {@code StoredInstance} bytes. */
  public static final String INSTANCES = "instances";
  /** {@code "<process>/<step>"} to the count of uncorrelated events (8 bytes). */
  public static final String UNCORRELATED = "uncorrelated-counts";
  /** Due time (8 bytes) and instance key to nothing: the timers ({@link StreamsDueIndex}). */
  public static final String DUE_INDEX = "due-index";
  /** {@code "<owner>\0<incident id>"} to the incident's lifecycle ({@link StreamsIncidentLifecycles}). */
  public static final String INCIDENT_LIFECYCLE = "incident-lifecycle";

  /** {@code "<process>/<topic>/<type>/<partition>"} to its drift count ({@code DriftCountCodec}). */
  public static final String DRIFT = "drift-counts";

  /** One entry: how far the input has been read, as this task learnt it from the watermarks. */
  public static final String INPUT_WATERMARKS = "input-watermarks";

  /** The links of business key values, the events waiting for them, the values of each instance ({@link StreamsKeyLinks}). */
  public static final String KEY_LINKS = "key-links";

  private TrackingStores() {}

  static StoreBuilder<KeyValueStore<String, byte[]>> keyLinks() {
    return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(KEY_LINKS), Serdes.String(), Serdes.ByteArray());
  }

  static StoreBuilder<KeyValueStore<String, byte[]>> inputWatermarks() {
    return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(INPUT_WATERMARKS), Serdes.String(),
        Serdes.ByteArray());
  }

  static StoreBuilder<KeyValueStore<String, byte[]>> drift() {
    return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(DRIFT), Serdes.String(), Serdes.ByteArray());
  }

  static StoreBuilder<KeyValueStore<String, byte[]>> incidentLifecycle() {
    return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(INCIDENT_LIFECYCLE), Serdes.String(),
        Serdes.ByteArray());
  }

  static StoreBuilder<KeyValueStore<String, byte[]>> instances() {
    return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(INSTANCES), Serdes.String(),
        Serdes.ByteArray());
  }

  static StoreBuilder<KeyValueStore<Bytes, byte[]>> dueIndex(KeyValueBytesStoreSupplier supplier) {
    return Stores.keyValueStoreBuilder(supplier, Serdes.Bytes(), Serdes.ByteArray());
  }

  static KeyValueBytesStoreSupplier dueIndexSupplier() {
    return Stores.persistentKeyValueStore(DUE_INDEX);
  }

  static StoreBuilder<KeyValueStore<String, Long>> uncorrelated() {
    return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(UNCORRELATED), Serdes.String(),
        Serdes.Long());
  }
}
