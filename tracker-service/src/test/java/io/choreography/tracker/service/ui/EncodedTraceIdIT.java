package io.choreography.tracker.service.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.choreography.tracker.service.it.TestKafka;
import io.choreography.tracker.service.it.TestScope;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Trace ids holding {@code / \ ; %} (and other characters that mean something in a URL) are tracked like any
 * other, and can be fetched through {@code /api/traces/{traceId}} and {@code /api/instances/{process}/{traceId}}
 * with the id percent-encoded, and opened in the UI, directly or through the search box.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class EncodedTraceIdIT {

  static final TestScope SCOPE = TestScope.create("encoded-ids");
  static final String ORDERS = SCOPE.topic("orders");
  static final JsonMapper JSON = JsonMapper.builder().build();
  static final String RUN = HexFormat.of().formatHex(new byte[] {(byte) ThreadLocalRandom.current().nextInt()});
  static final List<String> IDS = List.of("a/b-" + RUN, "c\\d-" + RUN, "e;f-" + RUN, "g%h-" + RUN, "%2F-" + RUN,
      "..;/x-" + RUN, "q?r#s&t=" + RUN, "u v+w-" + RUN, "/" + RUN);

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    SCOPE.register(registry);
  }

  @LocalServerPort int port;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void produce() throws Exception {
    TestKafka.createTopics(SCOPE.infrastructure().kafkaBootstrapServers(), 2, List.of(ORDERS));
    try (KafkaProducer<String, byte[]> producer = TestKafka.producer(SCOPE.infrastructure().kafkaBootstrapServers())) {
      for (String id : IDS) {
        byte[] value = JSON.writeValueAsBytes(java.util.Map.of("type", "OrderPlaced", "orderId", id));
        producer.send(new ProducerRecord<>(ORDERS, id, value)).get();
      }
    }
  }

  @Test
  void shouldServeTracesWhoseIdsHoldUrlCharactersThroughBothEndpoints() throws Exception {
    // given: every id tracked and listed
    await().atMost(Duration.ofSeconds(60)).until(() -> listedTraceIds().containsAll(IDS));

    for (String id : IDS) {
      // when
      HttpResponse<String> trace = get("/api/traces/" + segment(id));
      HttpResponse<String> instance = get("/api/instances/order-fulfillment/" + segment(id));

      // then
      assertThat(trace.statusCode()).as("trace %s: %s", id, trace.body()).isEqualTo(200);
      JsonNode body = JSON.readTree(trace.body());
      assertThat(body.path("traceId").asString()).isEqualTo(id);
      assertThat(body.path("events").size()).isEqualTo(1);
      assertThat(instance.statusCode()).as("instance %s: %s", id, instance.body()).isEqualTo(200);
      assertThat(JSON.readTree(instance.body()).path("traceId").asString()).isEqualTo(id);
    }
  }

  @Test
  void shouldOpenTracesWhoseIdsHoldUrlCharactersInTheUi() throws Exception {
    // given
    await().atMost(Duration.ofSeconds(60)).until(() -> listedTraceIds().containsAll(IDS));
    try (Browser browser = Browser.open(port)) {
      for (String id : IDS) {
        // when: the link the UI makes, opened directly
        browser.open("/traces/" + segment(id), By.cssSelector("#view section"));

        // then
        browser.waitFor(d -> d.findElements(By.cssSelector("tr.event")).size() == 1);
        assertThat(browser.find(By.cssSelector("h1 code")).getText()).isEqualTo(id);
      }

      // when: searched for from the overview
      browser.open("/", By.cssSelector("[data-process]"));
      String id = IDS.get(0);
      browser.find(By.id("trace-input")).sendKeys(id, Keys.ENTER);

      // then
      browser.waitFor(d -> d.findElements(By.cssSelector("tr.event")).size() == 1);
      assertThat(browser.find(By.cssSelector("h1 code")).getText()).isEqualTo(id);
      browser.screenshot("encoded-trace-id");
      browser.assertNoConsoleErrors();
    }
  }

  private Set<String> listedTraceIds() throws Exception {
    Set<String> ids = new HashSet<>();
    JSON.readTree(get("/api/instances?process=order-fulfillment&size=500").body()).path("items")
        .forEach(i -> ids.add(i.path("traceId").asString()));
    return ids;
  }

  /** The id as one percent-encoded path segment, as encodeURIComponent makes it. */
  static String segment(String id) {
    return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
