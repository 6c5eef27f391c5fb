package io.choreography.tracker.service.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.choreography.tracker.service.demo.DemoEmitters;
import io.choreography.tracker.service.demo.DemoOrder;
import io.choreography.tracker.service.it.TestKafka;
import io.choreography.tracker.service.it.TestScope;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * The web UI in real headless Chromium against a running tracker with a real broker and Elasticsearch node: the
 * overview, waiting counts changing on the process view, a trace found by its id, an incident acknowledged.
 * Each test saves a screenshot under target/screenshots and fails on browser console errors.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DashboardBrowserIT {

  static final TestScope SCOPE = TestScope.create("ui");
  private static final Pattern WAITING = Pattern.compile("waiting (\\d+)");

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    SCOPE.register(registry);
  }

  @LocalServerPort int port;
  @Autowired JsonMapper json;

  @BeforeAll
  static void topics() throws Exception {
    TestKafka.createTopics(SCOPE.infrastructure().kafkaBootstrapServers(), 2,
        DemoEmitters.TOPICS.stream().map(SCOPE::topic).toList());
  }

  @Test
  void shouldShowEveryProcessWithItsCountsOnTheOverview() {
    try (Browser browser = Browser.open(port)) {
      // when
      Duration load = browser.open("/", By.cssSelector("[data-process='order-fulfillment'] [data-count='running']"));

      // then
      WebElement card = browser.find(By.cssSelector("[data-process='order-fulfillment']"));
      assertThat(card.getText()).contains("Order fulfillment").contains("RUNNING").contains("STUCK")
          .contains("COMPLETED").contains("FAILED");
      browser.screenshot("overview");
      browser.assertNoConsoleErrors();
      assertThat(load).isLessThan(Duration.ofSeconds(5));
    }
  }

  @Test
  void shouldShowWaitingCountsChangeOnTheProcessViewAfterEventsAreProduced() throws Exception {
    try (Browser browser = Browser.open(port)) {
      // given
      browser.open("/processes/order-fulfillment", By.cssSelector("g[data-step='payment-received']"));
      int before = waitingAtPayment(browser);

      // when: three new orders, none paid yet
      try (KafkaProducer<String, byte[]> producer = TestKafka.producer(SCOPE.infrastructure().kafkaBootstrapServers())) {
        DemoEmitters emit = new DemoEmitters(producer, json, SCOPE.topicPrefix());
        for (int i = 0; i < 3; i++) {
          emit.checkout(DemoOrder.next(DemoOrder.Scenario.STUCK_IN_PAYMENT), "OrderPlaced", Instant.now(), Map.of());
        }
      }

      // then
      browser.waitFor(d -> waitingAtPayment(browser) == before + 3);
      browser.find(By.cssSelector("g[data-step='payment-received']")).click();
      browser.waitFor(d -> d.findElements(By.cssSelector(".waiting-list tbody tr")).size() >= 3);
      browser.screenshot("process-view");
      browser.assertNoConsoleErrors();
    }
  }

  @Test
  void shouldFindATraceByIdAndShowItsTimelineAcrossTopics() throws Exception {
    // given
    DemoOrder order = DemoOrder.next(DemoOrder.Scenario.HAPPY);
    try (KafkaProducer<String, byte[]> producer = TestKafka.producer(SCOPE.infrastructure().kafkaBootstrapServers())) {
      DemoEmitters emit = new DemoEmitters(producer, json, SCOPE.topicPrefix());
      Instant t = Instant.now().minusSeconds(10);
      emit.checkout(order, "OrderPlaced", t, Map.of());
      emit.payment(order, "PaymentReceived", null, t.plusSeconds(1));
      emit.inventory(order, t.plusSeconds(2));
      emit.shipping(order, t.plusSeconds(3));
    }
    awaitIndexed(order.orderId(), 4);
    try (Browser browser = Browser.open(port)) {
      browser.open("/", By.cssSelector("[data-process]"));

      // when
      WebElement search = browser.find(By.id("trace-input"));
      search.sendKeys(order.orderId(), Keys.ENTER);

      // then
      browser.waitFor(d -> d.findElements(By.cssSelector("tr.event")).size() == 4);
      List<WebElement> rows = browser.findAll(By.cssSelector("tr.event"));
      assertThat(rows).extracting(WebElement::getText).satisfiesExactly(
          r -> assertThat(r).contains(SCOPE.topic("orders")).contains("order-placed"),
          r -> assertThat(r).contains(SCOPE.topic("payments")).contains("payment-received"),
          r -> assertThat(r).contains(SCOPE.topic("inventory")).contains("goods-fetched"),
          r -> assertThat(r).contains(SCOPE.topic("shipping")).contains("goods-shipped"));
      rows.get(0).click();
      assertThat(browser.find(By.cssSelector("tr.detail:not([hidden]) pre.payload")).getText())
          .contains(order.orderId());
      assertThat(browser.driver.getCurrentUrl()).endsWith("/traces/" + order.orderId());
      // the instance's path on its process graph arrives live, once the instance is written
      browser.waitFor(d -> d.findElements(By.cssSelector(".instance .status.completed")).size() == 1);
      assertThat(browser.findAll(By.cssSelector(".instance g.path-reached")))
          .extracting(g -> g.getAttribute("data-step"))
          .containsExactlyInAnyOrder("order-placed", "payment-received", "goods-fetched", "goods-shipped");
      browser.screenshot("trace-view");
      browser.assertNoConsoleErrors();
    }
  }

  @Test
  void shouldAcknowledgeAnOpenIncidentFromTheInbox() throws Exception {
    // given: a failed payment opens a FAILED incident
    DemoOrder order = DemoOrder.next(DemoOrder.Scenario.PAYMENT_FAILED);
    try (KafkaProducer<String, byte[]> producer = TestKafka.producer(SCOPE.infrastructure().kafkaBootstrapServers())) {
      DemoEmitters emit = new DemoEmitters(producer, json, SCOPE.topicPrefix());
      emit.checkout(order, "OrderPlaced", Instant.now().minusSeconds(2), Map.of());
      emit.payment(order, "PaymentResult", "FAILED", Instant.now().minusSeconds(1));
    }
    try (Browser browser = Browser.open(port)) {
      By row = By.xpath("//tr[@data-incident][.//a[text()='" + order.orderId() + "']]");
      browser.waitFor(d -> {
        d.get("http://localhost:" + port + "/incidents");
        return Browser.within(d, Duration.ofSeconds(3), x -> !x.findElements(row).isEmpty());
      });

      // when
      browser.find(row).findElement(By.cssSelector("button[data-action='acknowledge']")).click();

      // then
      browser.waitFor(d -> d.findElement(row).findElement(By.cssSelector(".status")).getText().equals("ACKNOWLEDGED"));
      browser.screenshot("incident-acknowledged");
      browser.assertNoConsoleErrors();
    }
  }

  /** Waits until the trace API knows that many events of the trace (indexing is asynchronous). */
  private void awaitIndexed(String traceId, int events) {
    HttpClient http = HttpClient.newHttpClient();
    Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(
          URI.create("http://localhost:" + port + "/api/traces/" + traceId)).build(), HttpResponse.BodyHandlers.ofString());
      return r.statusCode() == 200 && json.readTree(r.body()).path("events").size() == events;
    });
  }

  private static int waitingAtPayment(Browser browser) {
    String text = browser.find(By.cssSelector("g[data-step='payment-received']")).getText();
    Matcher m = WAITING.matcher(text);
    return m.find() ? Integer.parseInt(m.group(1)) : -1;
  }
}
