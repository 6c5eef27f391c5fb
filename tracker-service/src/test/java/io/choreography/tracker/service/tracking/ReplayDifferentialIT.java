package io.choreography.tracker.service.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.choreography.tracker.rules.cli.ReplayCommand;
import io.choreography.tracker.service.it.TestDefinitions;
import io.choreography.tracker.service.it.TestKafka;
import io.choreography.tracker.service.it.TestScope;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The running tracker and {@code replay} give the same verdicts for the same records: scenarios for every incident
 * type, retention, repeats, duplicates, an uncorrelated event, reordering within the window and records that arrive
 * stamped well in the past, tracked by the real topology against the real broker, then read back from the business
 * topics as they were recorded and replayed. The incidents (ids, types, steps, final statuses, counts) and every
 * instance's last published state (status, steps reached) must be the same.
 */
@SpringBootTest
class ReplayDifferentialIT {

  static final TestScope SCOPE = TestScope.create("replay-diff");
  static final JsonMapper JSON = JsonMapper.builder().build();
  static final List<String> TOPICS = List.of("orders", "payments", "warehouse", "shipping", "notices");
  static final String DEFINITION = """
      id: delivery
      correlation: [ { json: /orderId } ]
      eventType: [ { json: /type } ]
      eventTime: [ { json: /time } ]
      eventId: [ { json: /id } ]
      reorderWindow: 2s
      deadline: 12s
      steps:
        - id: placed
          on: { topic: %1$sorders, type: Placed }
        - id: paid
          on: { topic: %1$spayments, type: Paid }
          after: [placed]
          within: 3s
          choice: payment
        - id: declined
          on: { topic: %1$spayments, type: Declined }
          after: [placed]
          choice: payment
          end: failed
        - id: note
          on: { topic: %1$sorders, type: Note }
          after: [placed]
          optional: true
          repeat: true
        - id: packed
          on: { topic: %1$swarehouse, type: Packed }
          after: [paid]
          within: 3s
        - id: shipped
          on: { topic: %1$sshipping, type: Shipped }
          after: [packed]
          end: completed
      escalations:
        - after: 8s
          emit: { topic: %1$snotices, type: Reminder }
      """;

  static Path definitions;
  static Instant started;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws Exception {
    SCOPE.register(registry);
    definitions = Path.of(TestDefinitions.write("delivery.yaml", DEFINITION.formatted(SCOPE.topicPrefix())));
    registry.add("tracker.definitions", definitions::toString);
    registry.add("tracker.tracking.retention", () -> "3s");
    TestKafka.createTopics(SCOPE.infrastructure().kafkaBootstrapServers(), 2,
        TOPICS.stream().map(SCOPE::topic).toList());
  }

  @Test
  void shouldGiveTheSameVerdictsLiveAndInReplay() throws Exception {
    // given / when: the scenarios, live
    Instant start = Instant.now();
    started = start;
    try (KafkaProducer<String, byte[]> p = TestKafka.producer(SCOPE.infrastructure().kafkaBootstrapServers())) {
      String t = SCOPE.indexPrefix() + "-";
      // happy; then a late note after the retention (a new instance, early, OUT_OF_ORDER)
      send(p, "orders", t + "happy", "Placed", "h1", 0);
      send(p, "payments", t + "happy", "Paid", "h2", 1);
      send(p, "warehouse", t + "happy", "Packed", "h3", 2);
      send(p, "shipping", t + "happy", "Shipped", "h4", 3);
      // stuck in payment, then past its deadline; escalated at 8 s
      send(p, "orders", t + "stuck", "Placed", "s1", 0);
      // failed
      send(p, "orders", t + "failed", "Placed", "f1", 0);
      send(p, "payments", t + "failed", "Declined", "f2", 1);
      // shipped while packed is missing: the end waits, its window expires: OUT_OF_ORDER, then ends
      send(p, "orders", t + "ooo", "Placed", "o1", 0);
      send(p, "payments", t + "ooo", "Paid", "o2", 1);
      send(p, "shipping", t + "ooo", "Shipped", "o4", 2);
      // paid twice by different events: UNEXPECTED; placed delivered twice: a duplicate
      send(p, "orders", t + "twice", "Placed", "w1", 0);
      send(p, "orders", t + "twice", "Placed", "w1", 0);
      send(p, "payments", t + "twice", "Paid", "w2", 1);
      send(p, "payments", t + "twice", "Paid", "w3", 1);
      // an optional step repeated
      send(p, "orders", t + "notes", "Placed", "n1", 0);
      for (int i = 0; i < 3; i++) {
        send(p, "orders", t + "notes", "Note", "n-note-" + i, 1);
      }
      // no trace id: UNCORRELATED
      send(p, "payments", null, "Paid", "u1", 0);
      // paid arrives before placed, within the window: reordering, no incident
      send(p, "payments", t + "reordered", "Paid", "r2", 1);
      send(p, "orders", t + "reordered", "Placed", "r1", 0);
      // stamped 20 s in the past: paid was on time, packed never came: STUCK at once
      p.send(record("orders", t + "late", "Placed", "l1", start.minusSeconds(20), start.minusSeconds(20)));
      p.send(record("payments", t + "late", "Paid", "l2", start.minusSeconds(19), start.minusSeconds(19)));
      p.flush();
      Thread.sleep(6_000); // the happy order's retention (3 s after its end) has passed
      send(p, "orders", t + "happy", "Note", "h-late", 0);
      p.flush();
    }

    try (TrackerTopicReader reader = new TrackerTopicReader(SCOPE.infrastructure().kafkaBootstrapServers(),
        List.of(SCOPE.instancesTopic(), SCOPE.incidentsTopic()))) {
      // every timer (deadline 12 s, escalation 8 s, windows, retention) has fired well before 25 s
      Thread.sleep(25_000);
      Map<String, String> live = liveIncidents(reader);
      Map<String, String> liveInstances = liveInstances(reader);

      // when: the same records, as the business topics hold them, replayed
      Path recorded = record();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      int code = new ReplayCommand().run(List.of("--definitions", definitions.toString(), "--retention", "3s",
          "--output", "jsonl", recorded.toString()), new PrintStream(out, true, StandardCharsets.UTF_8),
          new PrintStream(err, true, StandardCharsets.UTF_8));
      assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
      Map<String, String> replayed = new TreeMap<>();
      Map<String, String> replayedInstances = new TreeMap<>();
      for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
        JsonNode n = JSON.readTree(line);
        if (n.has("incident")) {
          replayed.put(n.path("incident").path("id").asString(), incident(n.path("incident")));
        } else if (n.has("instance")) {
          JsonNode i = n.path("instance");
          replayedInstances.put(i.path("process").asString() + "/" + i.path("traceId").asString(),
              i.path("status").asString() + " " + new TreeSet<>(names(i.path("steps"))));
        }
      }

      // then
      System.out.printf("live: %d incidents, %d instances; replay: %d incidents, %d instances%n", live.size(),
          liveInstances.size(), replayed.size(), replayedInstances.size());
      assertThat(new TreeSet<>(live.values()).toString())
          .contains("STUCK", "DEADLINE", "OUT_OF_ORDER", "UNEXPECTED", "UNCORRELATED", "FAILED");
      assertThat(replayed).isEqualTo(live);
      assertThat(replayedInstances).isEqualTo(liveInstances);
    }
  }

  private static Map<String, String> liveIncidents(TrackerTopicReader reader) {
    Map<String, String> byId = new TreeMap<>();
    for (TrackerTopicReader.Received r : reader.matching(r -> r.topic().equals(SCOPE.incidentsTopic()))) {
      JsonNode data = r.value().path("data");
      byId.put(data.path("id").asString(), incident(data));
    }
    return byId;
  }

  private static Map<String, String> liveInstances(TrackerTopicReader reader) {
    Map<String, String> byKey = new TreeMap<>();
    reader.lastStates(SCOPE.instancesTopic()).forEach((key, s) ->
        byKey.put(key, s.path("status").asString() + " " + new TreeSet<>(names(s.path("steps")))));
    return byKey;
  }

  /** What must agree: type, step, trace, final status, count. */
  private static String incident(JsonNode i) {
    return i.path("type").asString() + " " + i.path("process").asString() + "/" + i.path("traceId").asString("-")
        + " " + i.path("step").asString("-") + " " + i.path("status").asString() + " x" + i.path("count").asLong(1);
  }

  private static List<String> names(JsonNode object) {
    List<String> names = new ArrayList<>();
    object.propertyNames().forEach(names::add);
    return names;
  }

  /** The business topics' records in the order they arrived (record timestamp), as the replay file format has it. */
  private static Path record() throws Exception {
    List<ConsumerRecord<byte[], byte[]>> all = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> c = TestKafka.consumer(SCOPE.infrastructure().kafkaBootstrapServers(),
        "record-" + System.nanoTime())) {
      List<TopicPartition> parts = new ArrayList<>();
      for (String t : TOPICS) {
        c.partitionsFor(SCOPE.topic(t)).forEach(p -> parts.add(new TopicPartition(p.topic(), p.partition())));
      }
      c.assign(parts);
      c.seekToBeginning(parts);
      Map<TopicPartition, Long> ends = c.endOffsets(parts);
      await().atMost(Duration.ofSeconds(30)).until(() -> {
        c.poll(Duration.ofMillis(200)).forEach(all::add);
        return parts.stream().allMatch(tp -> c.position(tp) >= ends.get(tp));
      });
    }
    all.sort(Comparator.comparingLong(ConsumerRecord<byte[], byte[]>::timestamp)
        .thenComparing(ConsumerRecord::topic).thenComparingLong(ConsumerRecord::offset));
    StringBuilder lines = new StringBuilder();
    for (ConsumerRecord<byte[], byte[]> r : all) {
      ObjectNode line = JSON.createObjectNode().put("topic", r.topic()).put("partition", r.partition())
          .put("offset", r.offset()).put("timestamp", r.timestamp())
          .put("key", r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8));
      ObjectNode headers = line.putObject("headers");
      for (Header h : r.headers()) {
        headers.put(h.key(), h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8));
      }
      line.put("value", new String(r.value(), StandardCharsets.UTF_8));
      lines.append(JSON.writeValueAsString(line)).append('\n');
    }
    Path file = Files.createTempFile("recorded", ".jsonl");
    Files.writeString(file, lines);
    return file;
  }

  /** Sends one event now, its event time {@code step} x 100 ms after the start of the scenarios. */
  private static void send(KafkaProducer<String, byte[]> p, String topic, String orderId, String type, String id,
      int step) throws Exception {
    p.send(record(topic, orderId, type, id, started.plusMillis(step * 100L), null)).get();
    Thread.sleep(50);
  }

  private static ProducerRecord<String, byte[]> record(String topic, String orderId, String type, String id,
      Instant time, Instant timestamp) {
    String body = "{" + (orderId == null ? "" : "\"orderId\":\"" + orderId + "\",") + "\"type\":\"" + type
        + "\",\"id\":\"" + id + "\",\"time\":\"" + time + "\"}";
    return new ProducerRecord<>(SCOPE.topic(topic), null, timestamp == null ? null : timestamp.toEpochMilli(),
        orderId, body.getBytes(StandardCharsets.UTF_8));
  }
}
