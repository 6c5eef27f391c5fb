package io.choreography.tracker.service.tracking;

import io.choreography.tracker.rules.definition.ProcessDefinitions;
import io.choreography.tracker.rules.engine.StuckMessageHint;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntSupplier;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;

/**
 * intake topic (the forwarder's: every business record once, keyed by trace id, with the input watermarks and the
 * operators' commands in order with the events) -> the tracker with its stores -> {@code tracker.instances}, {@code
 * tracker.incidents}, {@code tracker.drift} and the escalation topics. One fixed source topic, no regular expression and no re-keying: the
 * forwarder has keyed every event by the trace it belongs to, so every event of a trace reaches the same task. An
 * event that carries only business keys (SPEC 3.12) is keyed by the link of its first key; the tasks route links and
 * such events to one another through the same intake topic, inside their exactly-once transactions.
 */
public final class TrackingTopology {

  private TrackingTopology() {}

  /** By key (the producer's partitioner, as the forwarder's), or to every partition. */
  private static Optional<Set<Integer>> partitions(String topic, String key, Outgoing value, int partitions) {
    if (!value.everyPartition()) {
      return Optional.empty();
    }
    Set<Integer> all = new HashSet<>();
    for (int p = 0; p < partitions; p++) {
      all.add(p);
    }
    return Optional.of(all);
  }

  public static Topology build(String intakeTopic, ProcessDefinitions definitions, TrackingProperties settings,
      TrackingMetrics metrics, VerdictLag verdictLag) {
    return build(intakeTopic, definitions, settings, metrics, verdictLag, StuckMessageHint.NONE);
  }

  /** With a hint that ends STUCK messages with what the service knows about the step. */
  public static Topology build(String intakeTopic, ProcessDefinitions definitions, TrackingProperties settings,
      TrackingMetrics metrics, VerdictLag verdictLag, StuckMessageHint hint) {
    return build(intakeTopic, definitions, settings, metrics, verdictLag, TrackingStores.dueIndexSupplier(), hint);
  }

  /** With another supplier of the due-index store (tests count what the punctuator reads). */
  static Topology build(String intakeTopic, ProcessDefinitions definitions, TrackingProperties settings,
      TrackingMetrics metrics, VerdictLag verdictLag, KeyValueBytesStoreSupplier dueIndex, StuckMessageHint hint) {
    return build(intakeTopic, definitions, settings, metrics, verdictLag, dueIndex, hint, settings::partitions);
  }

  /**
   * @param tasks how many tasks there are (the intake topic's partitions), asked when a task starts: the tasks'
   *     watermarks are awaited from each of them (see {@code TaskWatermarks})
   */
  static Topology build(String intakeTopic, ProcessDefinitions definitions, TrackingProperties settings,
      TrackingMetrics metrics, VerdictLag verdictLag, KeyValueBytesStoreSupplier dueIndex, StuckMessageHint hint,
      IntSupplier tasks) {
    StreamsBuilder builder = new StreamsBuilder();
    ThreadWatermarks threadWatermarks = new ThreadWatermarks();
    builder.addStateStore(TrackingStores.instances());
    builder.addStateStore(TrackingStores.dueIndex(dueIndex));
    builder.addStateStore(TrackingStores.uncorrelated());
    builder.addStateStore(TrackingStores.incidentLifecycle());
    builder.addStateStore(TrackingStores.inputWatermarks());
    builder.addStateStore(TrackingStores.drift());
    builder.addStateStore(TrackingStores.keyLinks());
    builder.stream(intakeTopic, Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("intake"))
        .process(() -> new TrackingProcessor(intakeTopic, definitions, settings, metrics, verdictLag, hint, tasks,
                threadWatermarks),
            Named.as("track-instances"), TrackingStores.INSTANCES, TrackingStores.DUE_INDEX,
            TrackingStores.UNCORRELATED, TrackingStores.INCIDENT_LIFECYCLE, TrackingStores.INPUT_WATERMARKS,
            TrackingStores.DRIFT, TrackingStores.KEY_LINKS)
        .to((key, value, context) -> value.topic(),
            Produced.with(Serdes.String(), new OutgoingSerde()).withName("tracker-outputs")
                .withStreamPartitioner(TrackingTopology::partitions));
    return builder.build();
  }
}
