package io.choreography.tracker.service.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.choreography.tracker.rules.definition.DefinitionLoader;
import io.choreography.tracker.rules.definition.ProcessDefinitions;
import io.choreography.tracker.service.demo.DemoEmitters;
import io.choreography.tracker.service.demo.DemoOrder;
import io.choreography.tracker.service.it.TestKafka;
import io.choreography.tracker.service.it.TestScope;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * SLOW (about 2 minutes): 100,000 demo events tracked by a tracker process; a second process joins, the first is
 * killed with kill -9 midway. Every instance must end as the pure engine says it ends when given the same records
 * in one clean run, every committed instance change must be there exactly once, and no incident may be opened
 * twice.
 */
@Tag("slow")
class TrackingCrashIT {

  static final TestScope SCOPE = TestScope.create("crash");
  static final int EVENTS = 100_000;
  static final Path WORK = Path.of("target", "tracking-crash-it").toAbsolutePath();

  @Test
  void shouldEndEveryInstanceAsInACleanRunWithoutDuplicateIncidentsWhenATrackerJoinsAndAnotherIsKilled()
      throws Exception {
    // given
    String bootstrap = SCOPE.infrastructure().kafkaBootstrapServers();
    List<String> businessTopics = DemoEmitters.TOPICS.stream().map(SCOPE::topic).toList();
    TestKafka.createTopics(bootstrap, 4, businessTopics);
    Path definitionsDir = definitions();
    Map<String, String> properties = properties(definitionsDir);
    String instancesTopic = properties.get("tracker.tracking.instances-topic");
    String incidentsTopic = properties.get("tracker.tracking.incidents-topic");
    String applicationId = properties.get("tracker.tracking.application-id");
    JsonMapper json = JsonMapper.builder().build();

    try (KafkaProducer<String, byte[]> producer = TestKafka.producer(bootstrap);
        TrackerTopicReader reader = new TrackerTopicReader(bootstrap, List.of(instancesTopic, incidentsTopic))) {
      // a topic just created may not have its leaders known yet: a send then could fail
      await().atMost(Duration.ofSeconds(30)).until(() -> businessTopics.stream().allMatch(t ->
          producer.partitionsFor(t).stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty())));
      DemoEmitters emit = new DemoEmitters(producer, json, SCOPE.topicPrefix());
      List<Future<RecordMetadata>> sends = new ArrayList<>();
      int sent = emit(emit, 0, EVENTS / 2, sends);
      producer.flush();

      // when: A tracks, B joins, more events arrive, A is killed midway
      long started = System.nanoTime();
      TrackerProcess a = TrackerProcess.start("tracker-a", withStateDir(properties, "a"), WORK);
      TrackerProcess b = null;
      try {
        await().atMost(Duration.ofSeconds(90)).until(() -> changes(reader, instancesTopic) >= 10_000);
        b = TrackerProcess.start("tracker-b", withStateDir(properties, "b"), WORK);
        await().atMost(Duration.ofSeconds(90)).until(() -> members(bootstrap, applicationId) == 2);
        sent += emit(emit, sent, EVENTS - sent, sends);
        producer.flush();
        for (Future<RecordMetadata> f : sends) {
          f.get(60, TimeUnit.SECONDS);
        }
        assertThat(sends).hasSize(EVENTS);
        await().atMost(Duration.ofSeconds(90)).until(() -> changes(reader, instancesTopic) >= EVENTS * 6 / 10);
        assertThat(changes(reader, instancesTopic)).as("killed midway").isLessThan(EVENTS);
        int changesAtKill = changes(reader, instancesTopic);
        a.kill();
        System.out.printf("tracker A killed after %d committed instance changes, %.1f s in%n", changesAtKill,
            (System.nanoTime() - started) / 1e9);

        // then
        ProcessDefinitions definitions = DefinitionLoader.loadDirectory(definitionsDir);
        CleanRun clean = CleanRun.of(bootstrap, businessTopics, definitions, InstantSource.fixed(Instant.now()));
        assertThat(clean.events).isEqualTo(EVENTS);
        await().atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofSeconds(2))
            .until(() -> clean.differences(reader.lastStates(instancesTopic)).isEmpty());
        System.out.printf("every instance as in the clean run %.1f s after the start%n",
            (System.nanoTime() - started) / 1e9);
        // anything duplicated by a replay would be committed by now
        Thread.sleep(3_000);
        assertThat(clean.differences(reader.lastStates(instancesTopic))).isEmpty();
        assertThat(changes(reader, instancesTopic)).as("each committed change exactly once")
            .isEqualTo(clean.instanceChanges);
        Map<String, Long> openedPerId = reader.matching(r -> r.topic().equals(incidentsTopic)
                && r.value().path("type").asString().equals("tracker.incident.opened"))
            .stream().collect(Collectors.groupingBy(r -> r.value().path("data").path("id").asString(),
                Collectors.counting()));
        assertThat(openedPerId.values()).allMatch(n -> n == 1);
        assertThat(openedPerId.keySet()).isEqualTo(clean.openedIncidents);
        assertThat(clean.openedIncidents).isNotEmpty();
      } finally {
        a.kill();
        if (b != null) {
          b.close();
        }
      }
    }
  }

  /** Demo orders whose end is decided by their events alone: completed, failed, or waiting for the goods. */
  private static int emit(DemoEmitters emit, int alreadySent, int events, List<Future<RecordMetadata>> sends) {
    int sent = 0;
    for (int i = alreadySent; sent < events; i++) {
      DemoOrder order = DemoOrder.next(DemoOrder.Scenario.HAPPY);
      Instant t = Instant.now();
      sends.add(emit.checkout(order, "OrderPlaced", t, Map.of()));
      int kind = i % 20;
      if (kind < 14 && sent + 4 <= events) {
        sends.add(emit.payment(order, "PaymentReceived", null, t.plusMillis(1)));
        sends.add(emit.inventory(order, t.plusMillis(2)));
        sends.add(emit.shipping(order, t.plusMillis(3)));
        sent += 4;
      } else if (kind < 17) {
        sends.add(emit.payment(order, "PaymentResult", "FAILED", t.plusMillis(1)));
        sent += 2;
      } else {
        sends.add(emit.payment(order, "PaymentReceived", null, t.plusMillis(1)));
        sent += 2;
      }
    }
    return sent;
  }

  private static int changes(TrackerTopicReader reader, String instancesTopic) {
    return reader.matching(r -> r.topic().equals(instancesTopic)).size();
  }

  private static int members(String bootstrap, String group) throws Exception {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      ConsumerGroupDescription d = admin.describeConsumerGroups(List.of(group)).all().get(10, TimeUnit.SECONDS)
          .get(group);
      return (int) d.members().stream().filter(m -> !m.assignment().topicPartitions().isEmpty()).count();
    }
  }

  /** The scope's properties on the command line, plus fast failure detection for the kill. */
  private static Map<String, String> properties(Path definitionsDir) {
    Map<String, String> p = new LinkedHashMap<>();
    SCOPE.register((name, value) -> p.put(name, String.valueOf(value.get())));
    p.put("tracker.definitions", definitionsDir.toString());
    p.put("tracker.tracking.partitions", "4");
    p.put("tracker.tracking.instances-topic", SCOPE.instancesTopic());
    p.put("tracker.tracking.incidents-topic", SCOPE.incidentsTopic());
    // a killed member is noticed after 6 s (its open transactions are aborted after the default 10 s)
    p.put("tracker.tracking.streams[session.timeout.ms]", "6000");
    p.put("tracker.tracking.streams[heartbeat.interval.ms]", "1000");
    // B takes tasks over at once rather than after warming up replicas of their state first
    p.put("tracker.tracking.streams[acceptable.recovery.lag]", Long.toString(Long.MAX_VALUE));
    p.put("server.port", "0");
    p.put("logging.level.org.apache.kafka", "WARN");
    return p;
  }

  private static Map<String, String> withStateDir(Map<String, String> properties, String name) throws Exception {
    Map<String, String> p = new LinkedHashMap<>(properties);
    Path dir = WORK.resolve(SCOPE.indexPrefix() + "-state-" + name);
    Files.createDirectories(dir);
    p.put("tracker.tracking.state-dir", dir.toString());
    return p;
  }

  /**
   * The bundled order-fulfillment definition on this scope's topics, with a reorder window long enough that the
   * pause of a takeover never turns transport reordering into OUT_OF_ORDER.
   */
  private static Path definitions() throws Exception {
    String yaml;
    try (InputStream in = DefinitionLoader.class.getResourceAsStream(
        "/" + DefinitionLoader.BUNDLED_EXAMPLES + "order-fulfillment.yaml")) {
      yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    for (String topic : List.of("orders", "payments", "inventory", "shipping", "customer-notifications")) {
      yaml = yaml.replace("topic: " + topic + ",", "topic: " + SCOPE.topic(topic) + ",");
    }
    yaml = yaml.replace("reorderWindow: 30s", "reorderWindow: 5m");
    Path dir = Files.createTempDirectory("crash-definitions");
    Files.writeString(dir.resolve("order-fulfillment.yaml"), yaml);
    return dir;
  }
}
