package io.choreography.tracker.service.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.choreography.tracker.model.InstanceStatus;
import io.choreography.tracker.model.instances.InstanceDocument.Deviations;
import io.choreography.tracker.service.it.DirectIndexing;
import io.choreography.tracker.service.it.TestScope;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * In real Chromium, the search box finds one order by its trace id, its payment id and its parcel id (business keys
 * carried by its payment and its shipping event, both linked to its instance), each time opening that order's trace
 * view; a value two orders share lists both; a value nothing holds says so. The trace view shows which event caused
 * which (CloudEvents causationid), each linking to the other's row.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SearchBrowserIT {

  static final TestScope SCOPE = TestScope.create("ui-search");
  static final String PROCESS = "order-fulfillment";
  static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
  static final String ORDER = "4bf92f3577b34da6a3ce929d0e0e4736";
  static final String PAYMENT = "pay-5d1c";
  static final String PARCEL = "parcel-88a0";
  static final String OTHER = "0af7651916cd43dd8448eb211c80319c";
  static final String CUSTOMER = "cust-4711";

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    SCOPE.register(registry);
  }

  @LocalServerPort int port;

  @BeforeAll
  static void index() throws Exception {
    try (DirectIndexing es = new DirectIndexing(SCOPE.infrastructure().elasticsearchUri(), SCOPE.indexPrefix())) {
      es.instance(PROCESS, ORDER, InstanceStatus.COMPLETED, NOW.minusSeconds(600), NOW.minusSeconds(60),
          NOW.minusSeconds(60), Map.of("order-placed", NOW.minusSeconds(600)), Deviations.NONE)
          .with(Map.of("keys", Map.of("paymentId", List.of(PAYMENT), "parcelId", List.of(PARCEL)),
              "keyValues", List.of(PAYMENT, PARCEL)));
      es.event("orders-0-0", PROCESS, "order-placed", ORDER, SCOPE.topic("orders"), "OrderPlaced",
          NOW.minusSeconds(600), Map.of("orderId", ORDER))
          .with(Map.of("key", ORDER, "keys", Map.of("customerId", CUSTOMER), "keyValues", List.of(CUSTOMER)));
      es.event("payments-0-0", PROCESS, "payment-received", ORDER, SCOPE.topic("payments"), "PaymentReceived",
          NOW.minusSeconds(500), Map.of("paymentId", PAYMENT))
          .with(Map.of("key", PAYMENT, "keys", Map.of("paymentId", PAYMENT), "keyValues", List.of(PAYMENT),
              "causationId", "ev-orders-0-0"));
      es.event("shipping-0-0", PROCESS, "goods-shipped", ORDER, SCOPE.topic("shipping"), "GoodsShipped",
          NOW.minusSeconds(60), Map.of("parcel", Map.of("id", PARCEL)))
          .with(Map.of("key", PARCEL, "keys", Map.of("parcelId", PARCEL), "keyValues", List.of(PARCEL),
              "causationId", "ev-payments-0-0"));
      // another order of the same customer
      es.instance(PROCESS, OTHER, InstanceStatus.RUNNING, NOW.minusSeconds(300), null, NOW.minusSeconds(300),
          Map.of("order-placed", NOW.minusSeconds(300)), Deviations.NONE);
      es.event("orders-0-1", PROCESS, "order-placed", OTHER, SCOPE.topic("orders"), "OrderPlaced",
          NOW.minusSeconds(300), Map.of("orderId", OTHER))
          .with(Map.of("key", OTHER, "keys", Map.of("customerId", CUSTOMER), "keyValues", List.of(CUSTOMER)));
      es.write();
    }
  }

  @Test
  void shouldFindTheSameOrderByItsTraceIdPaymentIdAndParcelId() {
    try (Browser browser = Browser.open(port)) {
      for (String value : List.of(ORDER, PAYMENT, PARCEL)) {
        // when
        search(browser, value);

        // then: the order's trace view
        browser.waitFor(d -> d.findElements(By.cssSelector("tr.event")).size() == 3);
        assertThat(browser.find(By.cssSelector("h1 code")).getText()).as(value).isEqualTo(ORDER);
        assertThat(browser.driver.getCurrentUrl()).as(value).endsWith("/traces/" + ORDER);
        browser.screenshot("search-" + (value.equals(ORDER) ? "trace-id" : value.substring(0, value.indexOf('-'))));
      }
      browser.assertNoConsoleErrors();
    }
  }

  @Test
  void shouldListTheOrdersThatShareAValueAndOpenTheOneClicked() {
    try (Browser browser = Browser.open(port)) {
      // when
      search(browser, CUSTOMER);

      // then
      browser.waitFor(d -> d.findElements(By.cssSelector("tr.search-item")).size() == 2);
      List<WebElement> items = browser.findAll(By.cssSelector("tr.search-item"));
      assertThat(items).extracting(WebElement::getText).satisfiesExactlyInAnyOrder(
          i -> assertThat(i).contains(ORDER).contains(PROCESS).contains("COMPLETED").contains("key customerId"),
          i -> assertThat(i).contains(OTHER).contains(PROCESS).contains("RUNNING").contains("key customerId"));
      browser.screenshot("search-list");

      // when
      browser.find(By.cssSelector("tr.search-item[data-trace='" + OTHER + "'] a")).click();

      // then
      browser.waitFor(d -> d.findElements(By.cssSelector("tr.event")).size() == 1);
      assertThat(browser.find(By.cssSelector("h1 code")).getText()).isEqualTo(OTHER);
      browser.assertNoConsoleErrors();
    }
  }

  @Test
  void shouldSayWhenNothingIsFound() {
    try (Browser browser = Browser.open(port)) {
      // when
      search(browser, "no-such-value");

      // then
      browser.waitFor(d -> !d.findElements(By.cssSelector(".search-none")).isEmpty());
      assertThat(browser.find(By.cssSelector(".search-none")).getText()).contains("Nothing found")
          .contains("no-such-value");
      browser.assertNoConsoleErrors();
    }
  }

  @Test
  void shouldShowWhichEventCausedWhichInTheTraceView() {
    try (Browser browser = Browser.open(port)) {
      // given
      browser.open("/traces/" + ORDER, By.cssSelector("tr.event"));
      browser.waitFor(d -> d.findElements(By.cssSelector("tr.event")).size() == 3);
      WebElement shipped = row(browser, "ev-shipping-0-0");
      WebElement paid = row(browser, "ev-payments-0-0");

      // then: each side names the other
      assertThat(shipped.findElement(By.cssSelector(".caused-by")).getText())
          .isEqualTo("caused by ev-payments-0-0");
      assertThat(paid.findElement(By.cssSelector(".caused-by")).getText()).isEqualTo("caused by ev-orders-0-0");
      assertThat(paid.findElement(By.cssSelector(".caused")).getText()).isEqualTo("caused ev-shipping-0-0");
      assertThat(row(browser, "ev-orders-0-0").findElement(By.cssSelector(".caused")).getText())
          .isEqualTo("caused ev-payments-0-0");

      // when: following the link to the cause
      shipped.findElement(By.cssSelector("a.causation")).click();

      // then: its row has the focus, and the detail rows stay closed
      browser.waitFor(d -> "ev-payments-0-0".equals(d.switchTo().activeElement().getAttribute("data-event-id")));
      assertThat(browser.findAll(By.cssSelector("tr.detail:not([hidden])"))).isEmpty();
      assertThat(browser.driver.getCurrentUrl()).endsWith("/traces/" + ORDER);

      // when: and back to the effect
      paid.findElement(By.cssSelector("a.effect")).click();

      // then
      browser.waitFor(d -> "ev-shipping-0-0".equals(d.switchTo().activeElement().getAttribute("data-event-id")));
      browser.screenshot("trace-causation");
      browser.assertNoConsoleErrors();
    }
  }

  /** Types the value into the search box of a fresh overview page and submits it. */
  private static void search(Browser browser, String value) {
    browser.open("/", By.cssSelector("[data-process]"));
    browser.find(By.id("trace-input")).sendKeys(value, Keys.ENTER);
  }

  private static WebElement row(Browser browser, String eventId) {
    return browser.find(By.cssSelector("tr.event[data-event-id='" + eventId + "']"));
  }
}
