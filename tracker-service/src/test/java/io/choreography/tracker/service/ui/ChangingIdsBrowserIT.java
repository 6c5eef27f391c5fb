package io.choreography.tracker.service.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.choreography.tracker.service.it.TestDefinitions;
import io.choreography.tracker.service.it.TestKafka;
import io.choreography.tracker.service.it.TestScope;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
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

/**
 * End to end, through the broker, the tracker and Elasticsearch, then in real Chromium: an order whose services
 * each speak their own id (the order id, then a payment id, then a parcel id, SPEC 3.12) is tracked to COMPLETED,
 * and the search box finds it by its trace id, its payment id and its parcel id, each time opening its trace view
 * with all four events, also those that carry no order id.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ChangingIdsBrowserIT {

  static final TestScope SCOPE = TestScope.create("ui-keys");
  static final String ORDER = "order-7f3a";
  static final String PAYMENT = "pay-2c91";
  static final String PARCEL = "parcel-d4e0";
  static final String DEFINITION = """
      id: fulfillment
      correlation: [ { json: /orderId } ]
      eventType: [ { json: /type } ]
      eventId: [ { json: /eventId } ]
      keys:
        paymentId: [ { json: /paymentId } ]
        parcelId: [ { json: /parcelId } ]
      steps:
        - id: placed
          on: { topic: %1$sorders, type: OrderPlaced }
        - id: paid
          on: { topic: %1$spayments, type: PaymentReceived }
          after: [placed]
        - id: packed
          on: { topic: %1$sshipping, type: ParcelPacked }
          after: [paid]
        - id: shipped
          on: { topic: %1$sshipping, type: ParcelShipped }
          after: [packed]
          end: completed
      """;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws Exception {
    SCOPE.register(registry);
    registry.add("tracker.definitions", () -> TestDefinitions.write("fulfillment.yaml",
        DEFINITION.formatted(SCOPE.topicPrefix())));
    TestKafka.createTopics(SCOPE.infrastructure().kafkaBootstrapServers(), 2,
        List.of(SCOPE.topic("orders"), SCOPE.topic("payments"), SCOPE.topic("shipping")));
  }

  @LocalServerPort int port;

  @BeforeAll
  static void produce() throws Exception {
    try (KafkaProducer<byte[], byte[]> p = TestKafka.rawProducer(SCOPE.infrastructure().kafkaBootstrapServers())) {
      send(p, "orders", ORDER, "{\"type\":\"OrderPlaced\",\"eventId\":\"e-1\",\"orderId\":\"" + ORDER + "\"}");
      send(p, "payments", PAYMENT, "{\"type\":\"PaymentReceived\",\"eventId\":\"e-2\",\"orderId\":\"" + ORDER
          + "\",\"paymentId\":\"" + PAYMENT + "\"}");
      // from here on the shipping service knows the payment id and its own parcel id only
      send(p, "shipping", PARCEL, "{\"type\":\"ParcelPacked\",\"eventId\":\"e-3\",\"paymentId\":\"" + PAYMENT
          + "\",\"parcelId\":\"" + PARCEL + "\"}");
      send(p, "shipping", PARCEL, "{\"type\":\"ParcelShipped\",\"eventId\":\"e-4\",\"parcelId\":\"" + PARCEL
          + "\"}");
    }
  }

  @Test
  void shouldFindTheOrderByItsTraceIdPaymentIdAndParcelId() throws Exception {
    // given: tracked to its end through its payment and parcel ids, and searchable
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
        .until(() -> get("/api/instances/fulfillment/" + ORDER).contains("\"COMPLETED\""));
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
        .until(() -> get("/api/search?q=" + PARCEL).contains(ORDER));

    try (Browser browser = Browser.open(port)) {
      for (String value : List.of(ORDER, PAYMENT, PARCEL)) {
        // when
        browser.open("/", By.cssSelector("[data-process]"));
        browser.find(By.id("trace-input")).sendKeys(value, Keys.ENTER);

        // then: the order's trace view, with the events that carry no order id too
        browser.waitFor(d -> d.findElements(By.cssSelector("tr.event")).size() == 4);
        assertThat(browser.find(By.cssSelector("h1 code")).getText()).as(value).isEqualTo(ORDER);
        assertThat(browser.driver.getCurrentUrl()).as(value).endsWith("/traces/" + ORDER);
      }
      browser.screenshot("search-changing-ids");
      browser.assertNoConsoleErrors();
    }
  }

  private static void send(KafkaProducer<byte[], byte[]> p, String topic, String key, String json) throws Exception {
    p.send(new ProducerRecord<>(SCOPE.topic(topic), key.getBytes(StandardCharsets.UTF_8),
        json.getBytes(StandardCharsets.UTF_8))).get();
  }

  private String get(String path) throws Exception {
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create("http://localhost:" + port + path)).build(), HttpResponse.BodyHandlers.ofString());
    return r.statusCode() == 200 ? r.body() : "";
  }
}
