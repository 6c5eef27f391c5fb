package io.choreography.tracker.service.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.choreography.tracker.service.tracking.TrackingStreams;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.ThreadMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A process whose second step is on a topic that does not exist when the tracker starts: once the topic is created
 * and written to, the instance moves on within the topic refresh and 10 s, with no stream thread failing and no
 * ERROR logged (the tracking topology reads only the intake topic; no regular expression follows new topics there).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class NewTopicTrackingIT {

  static final TestScope SCOPE = TestScope.create("newtopic");
  static final String DEFINITION = """
      id: loan
      correlation: [ { json: /loanId } ]
      eventType: [ { json: /type } ]
      steps:
        - id: submitted
          on: { topic: %1$sapplications, type: Submitted }
        - id: scored
          on: { topic: %1$scredit, type: Scored }
          after: [submitted]
          within: 1h
        - id: decided
          on: { topic: %1$sapplications, type: Decided }
          after: [scored]
          end: completed
      """;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws Exception {
    SCOPE.register(registry);
    registry.add("tracker.definitions", () -> TestDefinitions.write("loan.yaml",
        DEFINITION.formatted(SCOPE.topicPrefix())));
    TestKafka.createTopics(SCOPE.infrastructure().kafkaBootstrapServers(), 2, List.of(SCOPE.topic("applications")));
  }

  @LocalServerPort int port;
  @Autowired TrackingStreams streams;

  @Test
  void shouldTrackATopicCreatedWhileTheTrackerRunsWithoutAnyError(CapturedOutput output) throws Exception {
    // given: an application submitted while the credit topic does not exist yet
    send("applications", "{\"loanId\":\"L-1\",\"type\":\"Submitted\"}");
    await().atMost(Duration.ofSeconds(30)).until(() -> status("L-1").contains("\"RUNNING\""));
    await().atMost(Duration.ofSeconds(30)).until(() -> !threads().isEmpty());
    Set<String> threadsBefore = threads();
    int logBefore = output.length();

    // when: the topic is created and the next steps arrive
    TestKafka.createTopics(SCOPE.infrastructure().kafkaBootstrapServers(), 3, List.of(SCOPE.topic("credit")));
    long created = System.nanoTime();
    send("credit", "{\"loanId\":\"L-1\",\"type\":\"Scored\"}");
    send("applications", "{\"loanId\":\"L-1\",\"type\":\"Decided\"}");

    // then: completed within the refresh (1 s here) and 10 s
    await().atMost(Duration.ofSeconds(11)).pollInterval(Duration.ofMillis(200))
        .until(() -> status("L-1").contains("\"COMPLETED\""));
    System.out.printf("instance completed %d ms after its topic was created%n", (System.nanoTime() - created) / 1_000_000);
    assertThat(threads()).as("no stream thread replaced").isEqualTo(threadsBefore);
    String logged = output.toString().substring(logBefore);
    assertThat(logged.lines().filter(l -> l.contains(" ERROR ")).toList()).isEmpty();
  }

  private Set<String> threads() {
    return streams.streams().metadataForLocalThreads().stream().map(ThreadMetadata::threadName)
        .collect(Collectors.toSet());
  }

  private static void send(String topic, String json) throws Exception {
    try (KafkaProducer<byte[], byte[]> p = TestKafka.rawProducer(SCOPE.infrastructure().kafkaBootstrapServers())) {
      p.send(new ProducerRecord<>(SCOPE.topic(topic), null, json.getBytes(StandardCharsets.UTF_8))).get();
    }
  }

  private String status(String traceId) throws Exception {
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create("http://localhost:" + port + "/api/instances/loan/" + traceId)).build(),
        HttpResponse.BodyHandlers.ofString());
    return r.statusCode() == 200 ? r.body() : "";
  }
}
