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
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The trace API's errors, health, metrics, and a topic created while the tracker runs. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ApiAndOperationsIT {

  static final TestScope SCOPE = TestScope.create("api");

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    SCOPE.register(registry);
  }

  @LocalServerPort int port;
  @Autowired JsonMapper json;
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void shouldAnswer404AsJsonForAnUnknownTrace() throws Exception {
    // when
    HttpResponse<String> r = get("/api/traces/no-such-trace");

    // then
    assertThat(r.statusCode()).isEqualTo(404);
    JsonNode body = json.readTree(r.body());
    assertThat(body.path("status").asInt()).isEqualTo(404);
    assertThat(body.path("error").asString()).isEqualTo("Not Found");
    assertThat(body.path("message").asString()).contains("no-such-trace");
    assertThat(r.body()).doesNotContain("Exception").doesNotContain("\tat ");
  }

  @Test
  void shouldAnswer400ForAnOverlongTraceId() throws Exception {
    // when
    HttpResponse<String> r = get("/api/traces/" + "a".repeat(300));

    // then
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(json.readTree(r.body()).path("message").asString()).contains("at most 256 characters");
  }

  @Test
  void shouldReportKafkaElasticsearchAndPipelineHealth() throws Exception {
    // when
    HttpResponse<String> r = get("/actuator/health");

    // then
    JsonNode components = json.readTree(r.body()).path("components");
    assertThat(components.path("kafka").path("status").asString()).isEqualTo("UP");
    assertThat(components.path("elasticsearch").path("status").asString()).isEqualTo("UP");
    assertThat(components.path("pipeline").path("status").asString()).isEqualTo("UP");
    assertThat(r.statusCode()).isEqualTo(200);
  }

  @Test
  void shouldPickUpATopicCreatedAfterStartAndCountItsEvents() throws Exception {
    // given
    String bootstrap = SCOPE.infrastructure().kafkaBootstrapServers();
    String lateTopic = SCOPE.topic("created-later");
    String traceId = "0af7651916cd43dd8448eb211c80319c";

    // when
    TestKafka.createTopics(bootstrap, 2, List.of(lateTopic));
    try (KafkaProducer<String, byte[]> producer = TestKafka.producer(bootstrap)) {
      ProducerRecord<String, byte[]> r = new ProducerRecord<>(lateTopic, "k", "{\"type\":\"Audit\"}".getBytes());
      r.headers().add("traceparent", ("00-" + traceId + "-b7ad6b7169203331-01").getBytes(StandardCharsets.UTF_8));
      producer.send(r).get();
    }

    // then
    await().atMost(Duration.ofSeconds(30)).until(() -> get("/api/traces/" + traceId).statusCode() == 200);
    JsonNode event = json.readTree(get("/api/traces/" + traceId).body()).path("events").get(0);
    assertThat(event.path("topic").asString()).isEqualTo(lateTopic);
    assertThat(event.path("type").asString()).isEqualTo("Audit");
    assertThat(event.has("process")).as("matches no step").isFalse();
    String metrics = get("/actuator/prometheus").body();
    assertThat(metrics).containsPattern("tracker_events_consumed_total [1-9]");
    assertThat(metrics).containsPattern("tracker_events_indexed_total [1-9]");
    assertThat(metrics).contains("tracker_events_unmatched_total");
    assertThat(metrics).contains("tracker_events_failed_total");
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
