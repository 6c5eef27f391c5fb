package io.choreography.tracker.service.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.choreography.tracker.model.InstanceStatus;
import io.choreography.tracker.model.instances.InstanceDocument.Deviations;
import io.choreography.tracker.service.it.DirectIndexing;
import io.choreography.tracker.service.it.TestScope;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The conformance figure and the drift panel of the process view in real headless Chromium, on instance, event and
 * drift documents indexed straight into the real node: four instances ended in the last hours, one of them stuck
 * on the way; one running, updated a minute ago, that reached the first two steps; an unmodelled event type with
 * a suggested step. Screenshots under target/screenshots.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ProcessIntelligenceBrowserIT {

  static final TestScope SCOPE = TestScope.create("ui-intelligence");
  static final String PROCESS = "order-fulfillment";
  static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    SCOPE.register(registry);
  }

  @LocalServerPort int port;

  @BeforeAll
  static void index() throws Exception {
    try (DirectIndexing es = new DirectIndexing(SCOPE.infrastructure().elasticsearchUri(), SCOPE.indexPrefix())) {
      for (int i = 0; i < 4; i++) {
        Instant ended = NOW.minus(3 + i, ChronoUnit.HOURS);
        es.instance(PROCESS, "done-" + i, InstanceStatus.COMPLETED, ended.minusSeconds(900), ended, ended,
            Map.of("order-placed", ended.minusSeconds(900)), i == 0
                ? new Deviations(List.of("goods-fetched"), List.of(), List.of(), null, false) : Deviations.NONE);
      }
      Map<String, Instant> reached = new LinkedHashMap<>();
      reached.put("order-placed", NOW.minusSeconds(120));
      reached.put("payment-received", NOW.minusSeconds(60));
      es.instance(PROCESS, "running-0", InstanceStatus.RUNNING, NOW.minusSeconds(120), null, NOW.minusSeconds(60),
          reached, Deviations.NONE);
      es.event("shipping-0-1", PROCESS, "goods-shipped", "done-1", SCOPE.topic("shipping"), "GoodsShipped",
          NOW.minus(4, ChronoUnit.HOURS), Map.of());
      Map<String, Object> suggestion = new LinkedHashMap<>();
      suggestion.put("id", "payment-refunded");
      Map<String, Object> on = new LinkedHashMap<>();
      on.put("topic", SCOPE.topic("payments"));
      on.put("type", "PaymentRefunded");
      suggestion.put("on", on);
      suggestion.put("after", List.of("payment-received"));
      es.drift(PROCESS, SCOPE.topic("payments"), "PaymentRefunded", 42, NOW.minus(2, ChronoUnit.DAYS),
          NOW.minusSeconds(300), "payments-3-17", "done-2", suggestion).write();
    }
  }

  @Test
  void shouldShowTheConformanceFigureAndTheDriftPanelOnTheProcessView() {
    try (Browser browser = Browser.open(port)) {
      // when
      browser.open("/processes/" + PROCESS, By.cssSelector("[data-drift-type='PaymentRefunded']"));

      // then: 3 of 4 ended instances without incident
      WebElement figure = browser.find(By.cssSelector(".figure.conformance"));
      assertThat(figure.getText()).contains("75.0%").containsIgnoringCase("4 ended");
      browser.screenshot("process-conformance");
      WebElement drift = browser.find(By.cssSelector("[data-drift]"));
      ((JavascriptExecutor) browser.driver).executeScript("arguments[0].scrollIntoView()", drift);
      WebElement row = browser.find(By.cssSelector("[data-drift-type='PaymentRefunded']"));
      assertThat(row.getText()).contains(SCOPE.topic("payments")).contains("42").contains("done-2");
      assertThat(row.findElement(By.cssSelector("pre.suggested-step")).getText())
          .isEqualTo("- id: payment-refunded\n  on:\n    topic: " + SCOPE.topic("payments")
              + "\n    type: PaymentRefunded\n  after:\n  - payment-received");
      assertThat(browser.findAll(By.cssSelector("[data-unreached]"))).extracting(e -> e.getAttribute("data-unreached"))
          .containsExactly("payment-failed", "goods-fetched", "status-updated", "goods-shipped");
      assertThat(browser.find(By.cssSelector("[data-unreached='goods-shipped']")).getText())
          .contains("last reached 4.0h ago");
      assertThat(browser.find(By.cssSelector("[data-unreached='payment-failed']")).getText()).contains("never");
      browser.screenshot("process-drift-panel");
      browser.assertNoConsoleErrors();
    }
  }
}
