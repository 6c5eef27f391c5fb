package io.choreography.tracker.service.tracking;

import io.choreography.tracker.model.IncidentType;
import io.choreography.tracker.model.RawRecord;
import io.choreography.tracker.model.RecordHeader;
import io.choreography.tracker.rules.definition.ProcessDefinitions;
import io.choreography.tracker.rules.engine.EscalationCommand;
import io.choreography.tracker.rules.engine.StuckMessageHint;
import io.choreography.tracker.rules.extract.ExtractedEvent;
import io.choreography.tracker.rules.extract.RecordExtractor;
import io.choreography.tracker.rules.extract.StepMatch;
import io.choreography.tracker.rules.tracking.InstanceChange;
import io.choreography.tracker.rules.tracking.LocalRouting;
import io.choreography.tracker.rules.tracking.MatchedEvent;
import io.choreography.tracker.rules.tracking.PublishedChange;
import io.choreography.tracker.rules.tracking.Tracker;
import io.choreography.tracker.rules.tracking.TrackerCounters;
import io.choreography.tracker.rules.tracking.state.memory.InMemoryTrackingState;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The expectation of a crash test: the same business records, read back from the broker, run through the
 * tracker the service runs, on in-memory state, in one go: without Kafka Streams, rebalances or crashes.
 */
public final class CleanRun {

  public final Map<String, JsonNode> finalStates = new HashMap<>();
  public final Set<String> openedIncidents = new HashSet<>();
  /** Step matches with a trace id applied. */
  public int events;
  /** Instance changes published: one per change a user can see, the number a tracker commits. */
  public int instanceChanges;

  public static CleanRun of(String bootstrap, List<String> topics, ProcessDefinitions definitions,
      InstantSource clock) {
    return of(bootstrap, topics, definitions, clock, false);
  }

  /**
   * The same, and with {@code fireDue} the timers due at the clock's time fired once at the end, as a running
   * tracker's tick does for orders whose step is overdue.
   */
  public static CleanRun of(String bootstrap, List<String> topics, ProcessDefinitions definitions,
      InstantSource clock, boolean fireDue) {
    List<ConsumerRecord<byte[], byte[]>> records = readAll(bootstrap, topics);
    // send order as far as the broker knows it; events of one order are close together in any case
    records.sort(Comparator.comparingLong(ConsumerRecord::timestamp));
    RecordExtractor extractor = new RecordExtractor(definitions);
    CleanRun run = new CleanRun();
    Recorder recorder = run.new Recorder();
    Tracker tracker = new Tracker(definitions, StuckMessageHint.NONE, TrackingProperties.defaults().retention(),
        new InMemoryTrackingState(), recorder, recorder);
    for (ConsumerRecord<byte[], byte[]> r : records) {
      List<RecordHeader> headers = new ArrayList<>();
      for (Header h : r.headers()) {
        headers.add(new RecordHeader(h.key(), h.value()));
      }
      ExtractedEvent e = extractor.extract(new RawRecord(r.topic(), r.partition(), r.offset(), r.timestamp(), r.key(),
          headers, r.value()));
      for (StepMatch m : e.matches()) {
        tracker.apply(MatchedEvent.read(m.process(), m.step(), m.traceId(), m.eventId(), m.time().toEpochMilli(),
            r.topic(), e.type(), r.timestamp(), m.keys()));
        recorder.deliver(tracker);
      }
    }
    if (fireDue) {
      tracker.fireDue(clock.millis(), Integer.MAX_VALUE);
      recorder.deliver(tracker);
    }
    return run;
  }

  /** What the tracker publishes and counts, kept as a tracker's topics would show it. */
  private final class Recorder extends LocalRouting implements TrackerCounters {

    @Override
    public void instanceChanged(InstanceChange change) {
      instanceChanges++;
      finalStates.put(change.key(), TopologyHarness.JSON.readTree(InstanceChangeJson.of(change, 0)));
    }

    @Override
    public void incidentChanged(PublishedChange change, long at) {
      if (change.kind() == PublishedChange.Kind.OPENED && change.incident().type() != IncidentType.UNCORRELATED) {
        openedIncidents.add(change.incident().id());
      }
    }

    @Override
    public void escalation(EscalationCommand command, long at) {}

    @Override
    public void event() {
      events++;
    }
  }

  /**
   * How {@code actual} (last states per instance key) differs from this run's final states, {@code updatedAt} aside
   * (the wall-clock time of the change): one line per instance missing or different, and one if the counts differ.
   */
  public List<String> differences(Map<String, JsonNode> actual) {
    List<String> diffs = new ArrayList<>();
    for (Map.Entry<String, JsonNode> e : finalStates.entrySet()) {
      JsonNode a = actual.get(e.getKey());
      if (a == null || !withoutUpdatedAt(a).equals(withoutUpdatedAt(e.getValue()))) {
        diffs.add(e.getKey() + ": " + a + " expected " + e.getValue());
      }
    }
    if (actual.size() != finalStates.size()) {
      diffs.add(actual.size() + " instances, expected " + finalStates.size());
    }
    return diffs;
  }

  /** An instance state without its {@code updatedAt}. */
  public static JsonNode withoutUpdatedAt(JsonNode n) {
    ObjectNode copy = (ObjectNode) n.deepCopy();
    copy.remove("updatedAt");
    return copy;
  }

  private static List<ConsumerRecord<byte[], byte[]>> readAll(String bootstrap, List<String> topics) {
    List<ConsumerRecord<byte[], byte[]>> all = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
        ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10_000), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = new ArrayList<>();
      for (String t : topics) {
        consumer.partitionsFor(t).forEach(p -> partitions.add(new TopicPartition(t, p.partition())));
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        consumer.poll(Duration.ofMillis(200)).forEach(all::add);
      }
    }
    return all;
  }
}
