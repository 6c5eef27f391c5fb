package io.choreography.tracker.service.tracking;

import io.choreography.tracker.model.IncidentType;
import io.choreography.tracker.model.RawRecord;
import io.choreography.tracker.model.RecordHeader;
import io.choreography.tracker.rules.definition.ProcessDefinitions;
import io.choreography.tracker.rules.engine.EngineEvent;
import io.choreography.tracker.rules.engine.EngineOutput;
import io.choreography.tracker.rules.engine.IncidentChange;
import io.choreography.tracker.rules.engine.InstanceState;
import io.choreography.tracker.rules.engine.ProcessTracker;
import io.choreography.tracker.rules.engine.TrackingEngine;
import io.choreography.tracker.rules.extract.ExtractedEvent;
import io.choreography.tracker.rules.extract.RecordExtractor;
import io.choreography.tracker.rules.extract.StepMatch;
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
 * The expectation of a crash test: the same business records, read back from the broker, run through the pure
 * engine in one go, without Kafka Streams, rebalances or crashes.
 */
public final class CleanRun {

  public final Map<String, JsonNode> finalStates = new HashMap<>();
  public final Set<String> openedIncidents = new HashSet<>();
  public int events;
  /** Instances changed by timers that fell due at the clock's time (only when asked to fire them). */
  public int fired;

  public static CleanRun of(String bootstrap, List<String> topics, ProcessDefinitions definitions,
      InstantSource clock) {
    return of(bootstrap, topics, definitions, clock, false);
  }

  /**
   * The same, and with {@code fireDue} every instance's timers that fell due at the clock's time fired once at
   * the end, as a running tracker's punctuation does for orders whose step is overdue.
   */
  public static CleanRun of(String bootstrap, List<String> topics, ProcessDefinitions definitions,
      InstantSource clock, boolean fireDue) {
    List<ConsumerRecord<byte[], byte[]>> records = readAll(bootstrap, topics);
    // send order as far as the broker knows it; events of one order are close together in any case
    records.sort(Comparator.comparingLong(ConsumerRecord::timestamp));
    RecordExtractor extractor = new RecordExtractor(definitions);
    TrackingEngine engine = new TrackingEngine(definitions);
    Map<String, InstanceState> states = new HashMap<>();
    Map<String, String> versions = new HashMap<>();
    EngineOutput out = new EngineOutput();
    CleanRun run = new CleanRun();
    for (ConsumerRecord<byte[], byte[]> r : records) {
      List<RecordHeader> headers = new ArrayList<>();
      for (Header h : r.headers()) {
        headers.add(new RecordHeader(h.key(), h.value()));
      }
      ExtractedEvent e = extractor.extract(new RawRecord(r.topic(), r.partition(), r.offset(), r.timestamp(), r.key(),
          headers, r.value()));
      for (StepMatch m : e.matches()) {
        if (m.traceId() == null) {
          continue;
        }
        ProcessTracker tracker = engine.tracker(m.process());
        int step = tracker.process().stepIndex(m.step());
        EngineEvent event = new EngineEvent(m.process(), step, m.traceId(), m.eventId(), m.time().toEpochMilli(),
            r.topic(), e.type(), r.timestamp());
        String key = InstanceKeys.of(m.process(), m.traceId());
        tracker.apply(states.get(key), event, out);
        run.events++;
        states.put(key, out.state());
        versions.putIfAbsent(key, tracker.process().definition().version());
        for (IncidentChange c : out.incidents()) {
          if (c.kind() == IncidentChange.Kind.OPENED && c.incident().type() != IncidentType.UNCORRELATED) {
            run.openedIncidents.add(c.incident().id());
          }
        }
      }
    }
    if (fireDue) {
      for (Map.Entry<String, InstanceState> s : states.entrySet()) {
        String process = s.getKey().substring(0, s.getKey().indexOf('/'));
        engine.tracker(process).fireDue(s.getValue(), clock.millis(), out);
        if (!out.incidents().isEmpty()) {
          run.fired++;
        }
        for (IncidentChange c : out.incidents()) {
          if (c.kind() == IncidentChange.Kind.OPENED && c.incident().type() != IncidentType.UNCORRELATED) {
            run.openedIncidents.add(c.incident().id());
          }
        }
        s.setValue(out.state());
      }
    }
    states.forEach((key, state) -> run.finalStates.put(key,
        TopologyHarness.JSON.readTree(InstanceChangeJson.of(versions.get(key), state, 0))));
    return run;
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
