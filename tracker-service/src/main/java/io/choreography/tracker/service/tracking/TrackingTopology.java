package io.choreography.tracker.service.tracking;

import io.choreography.tracker.rules.definition.ProcessDefinitions;
import io.choreography.tracker.rules.engine.StuckMessageHint;
import io.choreography.tracker.rules.extract.RecordExtractor;
import java.util.regex.Pattern;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;

/**
 * business topics (by regex, raw bytes) -> extract step matches -> re-key by trace id (a repartition topic, so every
 * event of a trace reaches the same task whatever topic and key it came with) -> the tracker with its stores ->
 * {@code tracker.instances}, {@code tracker.incidents} and the escalation topics. Operators' incident commands join
 * the events before the re-keying, so each reaches the task owning its incident, in order with the events.
 */
public final class TrackingTopology {

  /** Name of the re-keying topic (Kafka Streams prefixes it with the application id). */
  public static final String EVENTS_BY_TRACE = "events-by-trace";

  private TrackingTopology() {}

  public static Topology build(Pattern topics, ProcessDefinitions definitions, TrackingProperties settings,
      TrackingMetrics metrics) {
    return build(topics, definitions, settings, metrics, StuckMessageHint.NONE);
  }

  /** With a hint that ends STUCK messages with what the service knows about the step. */
  public static Topology build(Pattern topics, ProcessDefinitions definitions, TrackingProperties settings,
      TrackingMetrics metrics, StuckMessageHint hint) {
    return build(topics, definitions, settings, metrics, TrackingStores.dueIndexSupplier(), hint);
  }

  /** With another supplier of the due-index store (tests count what the punctuator reads). */
  static Topology build(Pattern topics, ProcessDefinitions definitions, TrackingProperties settings,
      TrackingMetrics metrics, KeyValueBytesStoreSupplier dueIndex) {
    return build(topics, definitions, settings, metrics, dueIndex, StuckMessageHint.NONE);
  }

  static Topology build(Pattern topics, ProcessDefinitions definitions, TrackingProperties settings,
      TrackingMetrics metrics, KeyValueBytesStoreSupplier dueIndex, StuckMessageHint hint) {
    RecordExtractor extractor = new RecordExtractor(definitions);
    StreamsBuilder builder = new StreamsBuilder();
    builder.addStateStore(TrackingStores.instances());
    builder.addStateStore(TrackingStores.dueIndex(dueIndex));
    builder.addStateStore(TrackingStores.uncorrelated());
    builder.addStateStore(TrackingStores.incidentLifecycle());
    KStream<String, byte[]> commands = builder
        .stream(settings.commandsTopic(), Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("incident-commands"))
        .process(() -> new CommandIntakeProcessor(metrics), Named.as("route-incident-commands"));
    builder.stream(businessTopics(topics, settings), Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("business-events"))
        .process(() -> new EventExtractionProcessor(extractor, metrics), Named.as("extract-step-matches"))
        .merge(commands, Named.as("events-and-commands"))
        .repartition(Repartitioned.<String, byte[]>as(EVENTS_BY_TRACE)
            .withKeySerde(Serdes.String())
            .withValueSerde(Serdes.ByteArray())
            .withNumberOfPartitions(settings.partitions()))
        .process(() -> new TrackingProcessor(definitions, settings, metrics, hint), Named.as("track-instances"),
            TrackingStores.INSTANCES, TrackingStores.DUE_INDEX, TrackingStores.UNCORRELATED,
            TrackingStores.INCIDENT_LIFECYCLE)
        .to((key, value, context) -> value.topic(),
            Produced.with(Serdes.String(), new OutgoingSerde()).withName("tracker-outputs"));
    return builder.build();
  }

  /**
   * The business topics, never the tracker's own: whatever {@code tracker.topics} says, the topology does not read
   * its internal topics (prefixed with the application id), its re-keying topic or its outputs.
   */
  static Pattern businessTopics(Pattern topics, TrackingProperties settings) {
    String own = Pattern.quote(settings.applicationId() + "-") + "|" + Pattern.quote(EVENTS_BY_TRACE + "-repartition")
        + "$|" + Pattern.quote(settings.instancesTopic()) + "$|" + Pattern.quote(settings.incidentsTopic()) + "$|"
        + Pattern.quote(settings.commandsTopic()) + "$";
    return Pattern.compile("^(?!(?:" + own + "))(?:" + topics.pattern() + ")");
  }
}
