package io.choreography.tracker.service.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.choreography.tracker.rules.definition.DefinitionLoader;
import io.choreography.tracker.rules.definition.ProcessDefinitions;
import io.choreography.tracker.service.it.TestKafka;
import io.choreography.tracker.service.it.TestScope;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Correlation across ids that change between steps (SPEC 3.12) on the real broker, with a kill -9 of the tracker
 * midway: a three-hop chain (order id; order id + payment id; payment id only; payment id + parcel id; parcel id
 * only), 1,010 orders, each order's events produced in a shuffled order within the reorder window. 1,000 orders are
 * whole; 10 lack the event that links their payment id. The whole run must give what the engine gives in one clean
 * run of the same records, and: 1,000 COMPLETED, the 10 STUCK, their 30 later events UNCORRELATED, nothing
 * OUT_OF_ORDER, no incident opened twice.
 */
class KeyChainIT {

  static final TestScope SCOPE = TestScope.create("keychain");
  static final int WHOLE = 1_000;
  static final int UNLINKED = 10;
  static final Path WORK = Path.of("target", "key-chain-it").toAbsolutePath();

  @Test
  void shouldFollowEveryOrderAcrossItsPaymentAndParcelIdsThroughAKill() throws Exception {
    // given
    String bootstrap = SCOPE.infrastructure().kafkaBootstrapServers();
    List<String> topics = List.of(SCOPE.topic("orders"), SCOPE.topic("payments"), SCOPE.topic("shipping"));
    TestKafka.createTopics(bootstrap, 4, topics);
    Path definitionsDir = definitions();
    Map<String, String> properties = properties(definitionsDir);
    String instancesTopic = SCOPE.instancesTopic();
    String incidentsTopic = SCOPE.incidentsTopic();
    List<List<Event>> batches = orders(new Random(17));

    try (KafkaProducer<String, byte[]> producer = TestKafka.producer(bootstrap);
        TrackerTopicReader reader = new TrackerTopicReader(bootstrap, List.of(instancesTopic, incidentsTopic))) {
      await().atMost(Duration.ofSeconds(30)).until(() -> topics.stream().allMatch(t ->
          producer.partitionsFor(t).stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty())));
      List<Future<RecordMetadata>> sends = new ArrayList<>();
      TrackerProcess tracker = TrackerProcess.start("tracker-1", properties, WORK);
      try {
        // when: half the orders, a kill -9 once the tracker is busy with them, the other half, a restart
        int half = batches.size() / 2;
        send(producer, batches.subList(0, half), sends);
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
            .until(() -> changes(reader, instancesTopic) >= 300);
        int atKill = changes(reader, instancesTopic);
        tracker.kill();
        System.out.printf("tracker killed after %d committed instance changes%n", atKill);
        send(producer, batches.subList(half, batches.size()), sends);
        tracker = TrackerProcess.start("tracker-2", properties, WORK);
        for (Future<RecordMetadata> f : sends) {
          f.get(60, TimeUnit.SECONDS);
        }

        // then: the 10 unlinked orders get STUCK (20 s after their order was placed) and their later events give
        // up waiting for a link (20 s after they arrived)
        try {
          await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(1))
              .conditionEvaluationListener(c -> {
                if (!c.isSatisfied() && c.getElapsedTimeInMS() % 15_000 < 1_000) {
                  System.out.printf("after %d s: %s, %d uncorrelated%n", c.getElapsedTimeInMS() / 1000,
                      statuses(reader, instancesTopic), uncorrelated(reader, incidentsTopic));
                }
              })
              .until(() -> statuses(reader, instancesTopic).getOrDefault("COMPLETED", 0L) == WHOLE
                  && statuses(reader, instancesTopic).getOrDefault("STUCK", 0L) == UNLINKED
                  && uncorrelated(reader, incidentsTopic) == 3L * UNLINKED);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
          // what the intake topic holds of one order, to see where it stopped
          dump(bootstrap, SCOPE.intakeTopic(), "-7");
          System.out.println("order-7: " + reader.lastStates(instancesTopic).get("chain/order-7"));
          throw e;
        }
        ProcessDefinitions definitions = DefinitionLoader.loadDirectory(definitionsDir);
        CleanRun clean = CleanRun.of(bootstrap, topics, definitions, InstantSource.fixed(Instant.now()), true);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1))
            .until(() -> clean.differences(reader.lastStates(instancesTopic)).isEmpty());
        // anything duplicated by a replay would be committed by now
        Thread.sleep(3_000);
        assertThat(clean.differences(reader.lastStates(instancesTopic))).isEmpty();
        assertThat(statuses(reader, instancesTopic)).containsOnly(Map.entry("COMPLETED", (long) WHOLE),
            Map.entry("STUCK", (long) UNLINKED));
        assertThat(uncorrelated(reader, incidentsTopic)).isEqualTo(3L * UNLINKED);
        Map<String, Long> openedPerId = opened(reader, incidentsTopic).stream()
            .collect(Collectors.groupingBy(r -> r.value().path("data").path("id").asString(), Collectors.counting()));
        assertThat(openedPerId.values()).as("no incident opened twice").allMatch(n -> n == 1);
        Map<String, Long> openedByType = opened(reader, incidentsTopic).stream()
            .collect(Collectors.groupingBy(r -> r.value().path("data").path("type").asString(),
                Collectors.counting()));
        // one STUCK per unlinked order (payment never came), one UNCORRELATED per step that counted them
        assertThat(openedByType).containsOnly(Map.entry("STUCK", (long) UNLINKED), Map.entry("UNCORRELATED", 3L));
        JsonNode linked = reader.lastStates(instancesTopic).get("chain/order-0");
        assertThat(linked.path("keyValues").toString()).contains("pay-0", "parcel-0");
      } finally {
        tracker.close();
      }
    }
  }

  /**
   * Batches of 100 orders; in a batch every event of every order, shuffled (event times stay in step order, so
   * what arrives early is transport reordering). Orders {@code WHOLE..} lack their payment-received event.
   */
  private static List<List<Event>> orders(Random random) {
    List<List<Event>> batches = new ArrayList<>();
    List<Event> batch = new ArrayList<>();
    for (int i = 0; i < WHOLE + UNLINKED; i++) {
      String order = "order-" + i;
      String payment = "pay-" + i;
      String parcel = "parcel-" + i;
      batch.add(event("orders", order, "OrderPlaced", 0, "\"orderId\":\"" + order + "\""));
      if (i < WHOLE) {
        batch.add(event("payments", payment, "PaymentReceived", 1,
            "\"orderId\":\"" + order + "\",\"paymentId\":\"" + payment + "\""));
      }
      batch.add(event("payments", payment, "PaymentSettled", 2, "\"paymentId\":\"" + payment + "\""));
      batch.add(event("shipping", parcel, "ParcelPacked", 3,
          "\"paymentId\":\"" + payment + "\",\"parcelId\":\"" + parcel + "\""));
      batch.add(event("shipping", parcel, "ParcelShipped", 4, "\"parcelId\":\"" + parcel + "\""));
      if (batch.size() >= 500 || i == WHOLE + UNLINKED - 1) {
        Collections.shuffle(batch, random);
        batches.add(batch);
        batch = new ArrayList<>();
      }
    }
    return batches;
  }

  /** One business event; {@code step} orders the event times of an order's events. */
  private record Event(String topic, String key, String type, int step, String ids) {

    /** The record, its event time {@code step} ms after {@code base}: the time its batch is sent. */
    ProducerRecord<String, byte[]> record(long base) {
      String json = "{\"type\":\"" + type + "\",\"eventId\":\"" + key + "-" + type + "\",\"occurredAt\":"
          + (base + step) + "," + ids + "}";
      return new ProducerRecord<>(SCOPE.topic(topic), key, json.getBytes(StandardCharsets.UTF_8));
    }
  }

  private static Event event(String topic, String key, String type, int step, String ids) {
    return new Event(topic, key, type, step, ids);
  }

  private static void send(KafkaProducer<String, byte[]> producer, List<List<Event>> batches,
      List<Future<RecordMetadata>> sends) throws InterruptedException {
    for (List<Event> batch : batches) {
      // each batch produced well within the reorder window, its event times those of its sending
      long base = System.currentTimeMillis();
      for (Event e : batch) {
        sends.add(producer.send(e.record(base)));
      }
      producer.flush();
      Thread.sleep(100);
    }
  }

  /** Debugging aid: the intake records whose key ends with {@code suffix}. */
  private static void dump(String bootstrap, String intake, String suffix) {
    try (var c = TestKafka.consumer(bootstrap, "dump-" + System.nanoTime())) {
      List<org.apache.kafka.common.TopicPartition> parts = new ArrayList<>();
      for (var p : c.partitionsFor(intake)) {
        parts.add(new org.apache.kafka.common.TopicPartition(p.topic(), p.partition()));
      }
      c.assign(parts);
      c.seekToBeginning(parts);
      long deadline = System.currentTimeMillis() + 20_000;
      int empty = 0;
      while (System.currentTimeMillis() < deadline && empty < 3) {
        var rs = c.poll(Duration.ofMillis(500));
        empty = rs.isEmpty() ? empty + 1 : 0;
        for (var r : rs) {
          String key = r.key() == null ? "" : new String(r.key(), StandardCharsets.UTF_8);
          if (key.endsWith(suffix)) {
            System.out.printf("  %d@%d %s %s%n", r.partition(), r.offset(), key.replace('\u0002', '^'),
                io.choreography.tracker.model.intake.IntakeRecordCodec.decode(r.value(), false));
          }
        }
      }
    }
  }

  private static int changes(TrackerTopicReader reader, String instancesTopic) {
    return reader.matching(r -> r.topic().equals(instancesTopic)).size();
  }

  private static Map<String, Long> statuses(TrackerTopicReader reader, String instancesTopic) {
    return reader.lastStates(instancesTopic).values().stream()
        .collect(Collectors.groupingBy(s -> s.path("status").asString(), Collectors.counting()));
  }

  private static List<TrackerTopicReader.Received> opened(TrackerTopicReader reader, String incidentsTopic) {
    return reader.matching(r -> r.topic().equals(incidentsTopic)
        && r.value().path("type").asString().equals("tracker.incident.opened"));
  }

  /** The events counted as UNCORRELATED: the latest count of each UNCORRELATED incident, summed. */
  private static long uncorrelated(TrackerTopicReader reader, String incidentsTopic) {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (TrackerTopicReader.Received r : reader.matching(r -> r.topic().equals(incidentsTopic)
        && r.value().path("data").path("type").asString().equals("UNCORRELATED"))) {
      counts.merge(r.value().path("data").path("id").asString(), r.value().path("data").path("count").asLong(),
          Math::max);
    }
    return counts.values().stream().mapToLong(Long::longValue).sum();
  }

  private static Map<String, String> properties(Path definitionsDir) throws Exception {
    Map<String, String> p = new LinkedHashMap<>();
    SCOPE.register((name, value) -> p.put(name, String.valueOf(value.get())));
    p.put("tracker.definitions", definitionsDir.toString());
    p.put("tracker.tracking.partitions", "4");
    p.put("tracker.tracking.instances-topic", SCOPE.instancesTopic());
    p.put("tracker.tracking.incidents-topic", SCOPE.incidentsTopic());
    // a killed member is noticed after 6 s (its open transactions are aborted after the default 10 s)
    p.put("tracker.tracking.streams[session.timeout.ms]", "6000");
    p.put("tracker.tracking.streams[heartbeat.interval.ms]", "1000");
    p.put("server.port", "0");
    p.put("logging.level.org.apache.kafka", "WARN");
    Path state = WORK.resolve(SCOPE.indexPrefix() + "-state");
    Files.createDirectories(state);
    p.put("tracker.tracking.state-dir", state.toString());
    return p;
  }

  private static Path definitions() throws Exception {
    String yaml = """
        id: chain
        correlation: [ { json: /orderId } ]
        eventTime: [ { json: /occurredAt } ]
        eventId: [ { json: /eventId } ]
        keys:
          paymentId: [ { json: /paymentId } ]
          parcelId: [ { json: /parcelId } ]
        reorderWindow: 20s
        steps:
          - id: placed
            on: { topic: ORDERS, type: OrderPlaced }
          - id: paid
            on: { topic: PAYMENTS, type: PaymentReceived }
            after: [placed]
            within: 20s
          - id: settled
            on: { topic: PAYMENTS, type: PaymentSettled }
            after: [paid]
          - id: packed
            on: { topic: SHIPPING, type: ParcelPacked }
            after: [settled]
          - id: shipped
            on: { topic: SHIPPING, type: ParcelShipped }
            after: [packed]
            end: completed
        """.replace("ORDERS", SCOPE.topic("orders")).replace("PAYMENTS", SCOPE.topic("payments"))
        .replace("SHIPPING", SCOPE.topic("shipping"));
    Path dir = Files.createTempDirectory("key-chain-definitions");
    Files.writeString(dir.resolve("chain.yaml"), yaml);
    return dir;
  }
}
