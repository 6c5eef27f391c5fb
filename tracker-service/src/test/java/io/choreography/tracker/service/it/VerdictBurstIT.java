package io.choreography.tracker.service.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.choreography.tracker.service.tracking.TrackerTopicReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * 10,000 applications of four steps, each step due 4 s after the one before, sent as fast as one producer can: the
 * tracker lags behind the burst while their due times pass, so it decides nothing it has not read. Every event is
 * on time (the next step follows 2.5 s later, with up to 1.5 s of jitter in its event time), so none may get an
 * incident; in a second burst one application in a hundred never gets approved, and exactly those are STUCK, once.
 */
@SpringBootTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class VerdictBurstIT {

  static final TestScope SCOPE = TestScope.create("burst");
  static final int APPLICATIONS = 10_000;
  static final String DEFINITION = """
      id: loan
      correlation: [ { json: /loanId } ]
      eventType: [ { json: /type } ]
      eventTime: [ { json: /time } ]
      eventId: [ { json: /id } ]
      reorderWindow: 3s
      steps:
        - id: submitted
          on: { topic: %1$sapplications, type: Submitted }
        - id: checked
          on: { topic: %1$schecks, type: Checked }
          after: [submitted]
          within: 4s
        - id: approved
          on: { topic: %1$sapplications, type: Approved }
          after: [checked]
          within: 4s
        - id: disbursed
          on: { topic: %1$spayouts, type: Disbursed }
          after: [approved]
          within: 4s
          end: completed
      """;
  static final List<String> STEPS = List.of("Submitted", "Checked", "Approved", "Disbursed");
  static final List<String> TOPICS = List.of("applications", "checks", "applications", "payouts");

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws Exception {
    SCOPE.register(registry);
    registry.add("tracker.definitions", () -> TestDefinitions.write("loan.yaml",
        DEFINITION.formatted(SCOPE.topicPrefix())));
    TestKafka.createTopics(SCOPE.infrastructure().kafkaBootstrapServers(), 3,
        List.of(SCOPE.topic("applications"), SCOPE.topic("checks"), SCOPE.topic("payouts")));
  }

  @Test
  @Order(1)
  void shouldRaiseNothingForABurstOfCorrectApplications() throws Exception {
    Set<String> stuck = burst("ok", 0);
    assertThat(stuck).isEmpty();
  }

  @Test
  @Order(2)
  void shouldRaiseExactlyOneStuckForEachApplicationMissingAStep() throws Exception {
    burst("missing", 100);
  }

  /**
   * Sends the burst ({@code missingEvery} > 0: every so many applications never get approved), waits until every
   * application ended or is stuck, and checks the incidents; returns the stuck ones.
   */
  private Set<String> burst(String name, int missingEvery) throws Exception {
    String prefix = SCOPE.indexPrefix() + "-" + name + "-";
    Set<String> missing = new HashSet<>();
    Random random = new Random(42);
    // the steps' event times start a little ahead, so that their due times pass while the tracker reads the burst
    Instant base = Instant.now().plusSeconds(5);
    long started = System.nanoTime();
    try (KafkaProducer<String, byte[]> producer = TestKafka.producer(SCOPE.infrastructure().kafkaBootstrapServers())) {
      for (int i = 0; i < APPLICATIONS; i++) {
        String id = prefix + i;
        boolean skipApproval = missingEvery > 0 && i % missingEvery == missingEvery / 2;
        if (skipApproval) {
          missing.add(id);
        }
        Instant t = base.plusMillis(i);
        for (int k = 0; k < STEPS.size(); k++) {
          if (k > 0) {
            t = t.plusMillis(2_500 + random.nextInt(1_500) - 750);
          }
          if (skipApproval && k >= 2) {
            break;
          }
          String value = "{\"loanId\":\"" + id + "\",\"type\":\"" + STEPS.get(k) + "\",\"id\":\"" + id + "-" + k
              + "\",\"time\":\"" + t + "\"}";
          producer.send(new ProducerRecord<>(SCOPE.topic(TOPICS.get(k)), id, value.getBytes(StandardCharsets.UTF_8)));
        }
      }
      producer.flush();
    }
    System.out.printf("[%s] %d applications sent in %.1f s%n", name, APPLICATIONS, (System.nanoTime() - started) / 1e9);

    try (TrackerTopicReader reader = new TrackerTopicReader(SCOPE.infrastructure().kafkaBootstrapServers(),
        List.of(SCOPE.instancesTopic(), SCOPE.incidentsTopic()))) {
      await().atMost(Duration.ofSeconds(240)).pollInterval(Duration.ofSeconds(2)).until(() -> {
        Map<String, JsonNode> states = reader.lastStates(SCOPE.instancesTopic());
        long done = 0;
        for (int i = 0; i < APPLICATIONS; i++) {
          JsonNode s = states.get("loan/" + prefix + i);
          String expected = missing.contains(prefix + i) ? "STUCK" : "COMPLETED";
          done += s != null && s.path("status").asString().equals(expected) ? 1 : 0;
        }
        return done == APPLICATIONS;
      });
      System.out.printf("[%s] every application ended or stuck %.1f s after the first send%n", name,
          (System.nanoTime() - started) / 1e9);
      Thread.sleep(3_000);
      List<JsonNode> opened = reader.matching(r -> r.topic().equals(SCOPE.incidentsTopic())
              && r.value().path("type").asString().equals("tracker.incident.opened")
              && r.value().path("data").path("traceId").asString().startsWith(prefix))
          .stream().map(r -> r.value().path("data")).toList();
      List<String> unexpected = new ArrayList<>();
      Map<String, Long> stuckPerApplication = opened.stream()
          .filter(d -> d.path("type").asString().equals("STUCK") && d.path("step").asString().equals("approved"))
          .collect(Collectors.groupingBy(d -> d.path("traceId").asString(), Collectors.counting()));
      for (JsonNode d : opened) {
        boolean expected = missing.contains(d.path("traceId").asString())
            && d.path("type").asString().equals("STUCK") && d.path("step").asString().equals("approved");
        if (!expected) {
          unexpected.add(d.path("traceId").asString() + " " + d.path("type").asString() + " " + d.path("step")
              + ": " + d.path("message").asString());
        }
      }
      System.out.printf("[%s] %d incidents opened, %d unexpected%n", name, opened.size(), unexpected.size());
      if (!unexpected.isEmpty()) {
        IntakeDump.print(SCOPE, unexpected.get(0).split(" ")[0]);
      }
      assertThat(unexpected).as("incidents of correct applications").isEmpty();
      assertThat(stuckPerApplication.keySet()).isEqualTo(missing);
      assertThat(stuckPerApplication.values()).allMatch(n -> n == 1);
      return stuckPerApplication.keySet();
    }
  }
}
