package io.choreography.tracker.service.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.choreography.tracker.model.InstanceSnapshot;
import io.choreography.tracker.model.InstanceStatus;
import io.choreography.tracker.service.it.TestKafka;
import io.choreography.tracker.service.it.TestScope;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * The tracking topology against the real broker: timers on the wall clock (STUCK within 2 s of its due time, once)
 * and the reorder window (transport reordering tolerated, a late predecessor reported once).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TrackingIT {

  static final TestScope SCOPE = TestScope.create("tracking");
  static final String DEFINITION = """
      id: delivery
      correlation:
        - json: /orderId
      eventType:
        - json: /type
      eventTime:
        - json: /time
      eventId:
        - json: /id
      reorderWindow: 1s
      steps:
        - id: placed
          on: { topic: %1$sorders, type: Placed }
        - id: paid
          on: { topic: %1$spayments, type: Paid }
          after: [placed]
          within: 1s
        - id: shipped
          on: { topic: %1$sshipping, type: Shipped }
          after: [paid]
          end: completed
      escalations:
        - after: 2s
          emit: { topic: %1$snotifications, type: DelayNotice }
      """;
  static final JsonMapper JSON = JsonMapper.builder().build();
  static TrackerTopicReader reader;
  static KafkaProducer<String, byte[]> producer;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws Exception {
    SCOPE.register(registry);
    registry.add("tracker.definitions", TrackingIT::definitions);
    registry.add("tracker.tracking.partitions", () -> "2");
    TestKafka.createTopics(SCOPE.infrastructure().kafkaBootstrapServers(), 2,
        List.of(SCOPE.topic("orders"), SCOPE.topic("payments"), SCOPE.topic("shipping")));
  }

  static String instancesTopic() {
    return SCOPE.instancesTopic();
  }

  static String incidentsTopic() {
    return SCOPE.incidentsTopic();
  }

  static String definitions() {
    try {
      Path dir = Files.createTempDirectory("tracking-it-definitions");
      Files.writeString(dir.resolve("delivery.yaml"), DEFINITION.formatted(SCOPE.topicPrefix()));
      return dir.toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Autowired TrackingStreams streams;
  @Autowired InstanceStore instanceStore;
  @Autowired TrackingHealthIndicator health;

  @BeforeAll
  static void startReading() {
    String bootstrap = SCOPE.infrastructure().kafkaBootstrapServers();
    producer = TestKafka.producer(bootstrap);
    reader = new TrackerTopicReader(bootstrap, List.of(instancesTopic(), incidentsTopic(),
        SCOPE.topic("notifications")));
  }

  @AfterAll
  static void stopReading() throws Exception {
    reader.close();
    producer.close();
  }

  @Test
  void shouldRaiseOneStuckIncidentWithinTwoSecondsOfItsDueTimeAndResolveItWhenTheStepArrives() throws Exception {
    // given a running topology that has already tracked something
    warmUp("warm-up-stuck");
    Instant placedAt = Instant.now();
    Instant due = placedAt.plusSeconds(1);

    // when
    send("orders", "Placed", "stuck-1", "order-stuck", placedAt);
    await().atMost(Duration.ofSeconds(10)).until(() -> !incidents("order-stuck", "tracker.incident.opened").isEmpty());
    TrackerTopicReader.Received opened = incidents("order-stuck", "tracker.incident.opened").get(0);
    Thread.sleep(2_000);
    send("payments", "Paid", "stuck-2", "order-stuck", Instant.now());
    await().atMost(Duration.ofSeconds(10))
        .until(() -> !incidents("order-stuck", "tracker.incident.resolved").isEmpty());

    // then
    Duration delay = Duration.between(due, opened.receivedAt());
    System.out.printf("STUCK received %d ms after its due time%n", delay.toMillis());
    assertThat(opened.value().path("data").path("type").asString()).isEqualTo("STUCK");
    assertThat(opened.value().path("data").path("step").asString()).isEqualTo("paid");
    assertThat(delay).isBetween(Duration.ZERO, Duration.ofSeconds(2));
    assertThat(incidents("order-stuck", "tracker.incident.opened")).hasSize(1);
    assertThat(incidents("order-stuck", "tracker.incident.resolved")).hasSize(1);
    assertThat(incidents("order-stuck", "tracker.incident.resolved").get(0).value().path("data").path("id"))
        .isEqualTo(opened.value().path("data").path("id"));
    InstanceSnapshot stored = instanceStore.find("delivery", "order-stuck").orElseThrow();
    assertThat(stored.status()).isEqualTo(InstanceStatus.RUNNING);
    assertThat(stored.steps().keySet()).containsExactly("placed", "paid");
    assertThat(instanceStore.find("delivery", "no-such-order")).isEmpty();
  }

  @Test
  void shouldReportAPairOutOfOrderBeyondTheReorderWindowOnceAndTransportReorderingWithinItNever() throws Exception {
    // given
    warmUp("warm-up-order");
    Instant t = Instant.now();

    // when: paid before placed, placed 2.5 s later (window 1 s); and paid before placed 200 ms apart
    send("payments", "Paid", "late-2", "order-late", t.plusMillis(100));
    send("payments", "Paid", "reordered-2", "order-reordered", t.plusMillis(100));
    Thread.sleep(200);
    send("orders", "Placed", "reordered-1", "order-reordered", t);
    Thread.sleep(2_300);
    send("orders", "Placed", "late-1", "order-late", t);
    await().atMost(Duration.ofSeconds(10)).until(() -> instanceChanges("order-late").size() >= 3);
    // give a wrongly raised incident time to show up
    Thread.sleep(2_000);

    // then
    List<TrackerTopicReader.Received> late = incidents("order-late", "tracker.incident.opened");
    assertThat(late).hasSize(1);
    assertThat(late.get(0).value().path("data").path("type").asString()).isEqualTo("OUT_OF_ORDER");
    assertThat(incidents("order-reordered", null)).isEmpty();
    assertThat(last(instanceChanges("order-reordered")).value().path("steps").size()).isEqualTo(2);
  }

  @Test
  void shouldEmitAnEscalationExactlyOnceOnItsTopicAsACloudEventCarryingTheTraceId() throws Exception {
    // given
    warmUp("warm-up-escalation");

    // when: an order that is still running 2 s after it started
    send("orders", "Placed", "escalated-1", "order-escalated", Instant.now());
    await().atMost(Duration.ofSeconds(15)).until(() -> !escalations("order-escalated").isEmpty());
    // ticks keep running: give a second emission every chance to show up
    Thread.sleep(3_000);

    // then
    List<TrackerTopicReader.Received> emitted = escalations("order-escalated");
    assertThat(emitted).hasSize(1);
    assertThat(emitted.get(0).value().path("type").asString()).isEqualTo("DelayNotice");
    assertThat(emitted.get(0).value().path("specversion").asString()).isEqualTo("1.0");
    assertThat(emitted.get(0).key()).isEqualTo("order-escalated");
  }

  private static List<TrackerTopicReader.Received> escalations(String trace) {
    return reader.matching(r -> r.topic().equals(SCOPE.topic("notifications"))
        && trace.equals(r.value().path("subject").asString()));
  }

  private void warmUp(String trace) {
    await().atMost(Duration.ofSeconds(60)).until(() -> streams.state() == KafkaStreams.State.RUNNING);
    assertThat(health.health().getStatus()).isEqualTo(Status.UP);
    send("orders", "Placed", trace + "-1", trace, Instant.now());
    send("payments", "Paid", trace + "-2", trace, Instant.now());
    await().atMost(Duration.ofSeconds(60)).until(() -> instanceChanges(trace).size() >= 2);
  }

  private void send(String topic, String type, String id, String orderId, Instant time) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", type);
    body.put("id", id);
    body.put("orderId", orderId);
    body.put("time", time.toString());
    // keys differ by topic on purpose: the topology re-keys by trace id
    producer.send(new ProducerRecord<>(SCOPE.topic(topic), topic + "-" + id, JSON.writeValueAsBytes(body)));
    producer.flush();
  }

  private static List<TrackerTopicReader.Received> incidents(String trace, String type) {
    return reader.matching(r -> r.topic().equals(incidentsTopic())
        && trace.equals(r.value().path("subject").asString())
        && (type == null || type.equals(r.value().path("type").asString())));
  }

  private static List<TrackerTopicReader.Received> instanceChanges(String trace) {
    return reader.matching(r -> r.topic().equals(instancesTopic())
        && trace.equals(r.value().path("traceId").asString()));
  }

  private static TrackerTopicReader.Received last(List<TrackerTopicReader.Received> list) {
    return list.get(list.size() - 1);
  }
}
