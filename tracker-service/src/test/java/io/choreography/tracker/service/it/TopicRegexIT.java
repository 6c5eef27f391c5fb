package io.choreography.tracker.service.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A {@code tracker.topics} regex that backtracks catastrophically on one topic name: that topic is left out and
 * named in health, every other topic is read as usual, and no thread of the tracker spins on it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TopicRegexIT {

  static final TestScope SCOPE = TestScope.create("regex");
  /** 30 a's: ((a+)*)+b needs longer than a minute to decide that it does not match. */
  static final String TRAP = "a".repeat(30);

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws Exception {
    SCOPE.register(registry);
    registry.add("tracker.topics", () -> "((a+)*)+b|" + Pattern.quote(SCOPE.topicPrefix()) + ".*");
    TestKafka.createTopics(SCOPE.infrastructure().kafkaBootstrapServers(), 1, List.of(TRAP, SCOPE.topic("orders")));
  }

  @LocalServerPort int port;

  @Test
  void shouldLeaveOutTheTopicItCannotDecideOnAndReadTheOthers() throws Exception {
    // when
    String coordinates;
    try (KafkaProducer<byte[], byte[]> p = TestKafka.rawProducer(SCOPE.infrastructure().kafkaBootstrapServers())) {
      RecordMetadata m = p.send(new ProducerRecord<>(SCOPE.topic("orders"), null,
          "{\"orderId\":\"o-regex\",\"type\":\"OrderPlaced\"}".getBytes(StandardCharsets.UTF_8))).get();
      coordinates = m.topic() + "-" + m.partition() + "-" + m.offset();
    }

    // then: the event is indexed
    try (TestElasticsearch es = new TestElasticsearch(SCOPE.infrastructure().elasticsearchUri())) {
      await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
          .until(() -> es.ids(SCOPE.indexPrefix() + "-events-*").contains(coordinates));
    }
    // and health names the topic that is not read
    JsonNode pipeline = JsonMapper.builder().build().readTree(HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health")).build(),
        HttpResponse.BodyHandlers.ofString()).body()).path("components").path("pipeline");
    assertThat(pipeline.path("status").asString()).isEqualTo("OUT_OF_SERVICE");
    assertThat(pipeline.path("details").path("forwarder").asString()).contains(TRAP);
    // and no thread is still deciding on it
    List<String> matching = Thread.getAllStackTraces().entrySet().stream()
        .filter(e -> List.of(e.getValue()).stream().anyMatch(f -> f.getClassName().startsWith("java.util.regex")))
        .map(e -> e.getKey().getName()).toList();
    assertThat(matching).as("threads inside a regular expression").isEmpty();
  }
}
