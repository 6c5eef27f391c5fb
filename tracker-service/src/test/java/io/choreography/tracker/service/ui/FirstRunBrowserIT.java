package io.choreography.tracker.service.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.choreography.tracker.model.IncidentType;
import io.choreography.tracker.service.it.LocalRun;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;

/**
 * A new user's first minutes, in real headless Chromium: the README's first command ({@code --tracker.local=true
 * --tracker.demo=true}, the packaged application in a JVM of its own), the sign-in link it prints opened as is
 * (no key typed), the overview filling; after 90 s of demo, a stuck step in heat colour on the process view, an
 * escalation read back, and every kind of incident in the inbox. Its screenshots of the process and trace views
 * are the README's (target/screenshots/first-run-*.png, copied to docs/images/).
 */
class FirstRunBrowserIT {

  private static final Duration DEMO = Duration.ofSeconds(90);
  private static final Pattern STUCK = Pattern.compile("stuck (\\d+)");
  private static final Pattern REACHED = Pattern.compile("reached (\\d+)");

  @Test
  void shouldSignInFromThePrintedLinkAndShowEveryKindOfIncidentAfter90SecondsOfDemo() throws Exception {
    try (LocalRun run = LocalRun.start("first-run", Map.of("tracker.demo", "true"))) {
      Matcher signIn = run.awaitSignIn(Duration.ofMinutes(3));
      // the banner is printed once the tracker is ready: the demo's services started just before it
      long demoStarted = System.nanoTime();
      Browser browser = Browser.open(run.port);
      try {
        // when: the printed link is opened as it is
        browser.driver.get(signIn.group(1));

        // then: the overview with data, no key typed, the key kept and gone from the address bar
        By running = By.cssSelector("[data-process='order-fulfillment'] [data-count='running']");
        By completed = By.cssSelector("[data-process='order-fulfillment'] [data-count='completed']");
        browser.waitFor(d -> !d.findElements(completed).isEmpty()
            && count(browser.find(running)) + count(browser.find(completed)) > 0);
        assertThat(browser.find(By.id("view")).getText()).doesNotContain("API key needed");
        assertThat(browser.driver.getCurrentUrl()).isEqualTo(run.url("/"));
        assertThat(((JavascriptExecutor) browser.driver).executeScript(
            "return localStorage.getItem('tracker.apiKey')")).isEqualTo(signIn.group(3));
        browser.screenshot("first-run-overview");

        // when: 90 s of demo
        long waitMillis = DEMO.toMillis() - (System.nanoTime() - demoStarted) / 1_000_000;
        if (waitMillis > 0) {
          Thread.sleep(waitMillis);
        }

        // then: a stuck step in heat colour, and the escalation read back as step delay-notice-sent
        browser.open("/processes/order-fulfillment", By.cssSelector("g[data-step='payment-received']"));
        WebElement stuckStep = browser.waitFor(d -> d.findElements(By.cssSelector("g[data-step]")).stream()
            .filter(g -> figure(STUCK, g) > 0 && String.valueOf(g.findElement(By.tagName("rect"))
                .getDomAttribute("style")).contains("hsl("))
            .findFirst().orElse(null));
        assertThat(stuckStep.getAttribute("data-step")).isIn("payment-received", "goods-fetched", "goods-shipped");
        assertThat(figure(REACHED, browser.find(By.cssSelector("g[data-step='delay-notice-sent']"))))
            .as("escalations read back").isPositive();
        browser.screenshot("first-run-process-view");

        // then: every kind of incident in the inbox
        for (IncidentType type : IncidentType.values()) {
          browser.open("/incidents?type=" + type.name(), By.cssSelector(".incidents-table"));
          browser.waitFor(d -> d.findElements(By.cssSelector("tr[data-incident]")).stream()
              .anyMatch(r -> r.findElements(By.tagName("td")).get(1).getText().equals(type.name())));
        }
        browser.open("/incidents", By.cssSelector("tr[data-incident]"));
        browser.screenshot("first-run-incidents");

        // then: the trace of a stuck order, its incidents and its path
        browser.open("/incidents?type=STUCK", By.cssSelector("tr[data-incident] td a[href^='/traces/']"));
        browser.find(By.cssSelector("tr[data-incident] td a[href^='/traces/']")).click();
        browser.waitFor(d -> !d.findElements(By.cssSelector("tr.event")).isEmpty()
            && !d.findElements(By.cssSelector(".instance g.path-reached")).isEmpty());
        List<WebElement> events = browser.findAll(By.cssSelector("tr.event"));
        assertThat(events).isNotEmpty();
        browser.screenshot("first-run-trace-view");
        browser.assertNoConsoleErrors();
      } catch (RuntimeException | AssertionError e) {
        browser.screenshot("first-run-failed");
        throw e;
      } finally {
        browser.close();
      }
    }
  }

  private static int count(WebElement figure) {
    String text = figure.getText().trim();
    return text.matches("\\d+") ? Integer.parseInt(text) : 0;
  }

  private static int figure(Pattern pattern, WebElement step) {
    Matcher m = pattern.matcher(step.getText());
    return m.find() ? Integer.parseInt(m.group(1)) : -1;
  }
}
