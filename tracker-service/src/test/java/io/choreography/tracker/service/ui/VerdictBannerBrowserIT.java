package io.choreography.tracker.service.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.choreography.tracker.service.demo.DemoEmitters;
import io.choreography.tracker.service.ingest.Forwarder;
import io.choreography.tracker.service.it.TestKafka;
import io.choreography.tracker.service.it.TestScope;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The process view in real Chromium says when verdicts are held back and by how much: the forwarder stops, so the
 * input watermarks stop and the verdict time stays behind the wall clock; once it runs again, the banner goes.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class VerdictBannerBrowserIT {

  static final TestScope SCOPE = TestScope.create("banner");

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws Exception {
    SCOPE.register(registry);
    TestKafka.createTopics(SCOPE.infrastructure().kafkaBootstrapServers(), 1,
        DemoEmitters.TOPICS.stream().map(SCOPE::topic).toList());
  }

  @LocalServerPort int port;
  @Autowired Forwarder forwarder;

  @Test
  void shouldSayOnTheProcessViewThatVerdictsAreDelayedAndByHowMuch() {
    try (Browser browser = Browser.open(port)) {
      // given: the tracker caught up (just after its start, its forwarder has not joined its group yet), no banner
      browser.open("/processes/order-fulfillment", By.cssSelector("g[data-step='payment-received']"));
      browser.waitFor(d -> d.findElements(By.cssSelector("#verdict-banner:not([hidden])")).isEmpty());

      // when: nothing reads the input any more
      forwarder.stop();
      try {
        // then
        browser.waitFor(d -> !d.findElements(By.cssSelector("#verdict-banner:not([hidden])")).isEmpty());
        assertThat(browser.find(By.id("verdict-banner")).getText()).matches("Verdicts are delayed by \\d+ s: .*");
        browser.screenshot("verdicts-delayed");
      } finally {
        forwarder.start();
      }

      // then: caught up again, the banner goes
      browser.waitFor(d -> d.findElements(By.cssSelector("#verdict-banner:not([hidden])")).isEmpty());
      browser.assertNoConsoleErrors();
    }
  }
}
