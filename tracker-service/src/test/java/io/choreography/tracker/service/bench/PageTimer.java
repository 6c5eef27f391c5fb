package io.choreography.tracker.service.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Loads pages of the web UI in real headless Chromium (the flags of the browser tests) and measures, inside the
 * page, the time from navigation start until the view's content is rendered.
 *
 * <p>Why inside the page: a script installed before any page script runs ({@code
 * Page.addScriptToEvaluateOnNewDocument}) watches the DOM and notes {@code performance.now()} (milliseconds since
 * navigation start) the moment the view's last-rendered element is there, so WebDriver's polling adds nothing to
 * the figure. It also reports the API calls the page made before that moment (Resource Timing).
 */
final class PageTimer implements AutoCloseable {

  /** When each view counts as rendered: the element it renders last, with its figures. */
  private static final String WATCHER = """
      (() => {
        const all = (s) => document.querySelectorAll(s);
        const text = (s) => document.querySelector(s)?.textContent?.trim() || '';
        const rendered = () => {
          const p = location.pathname;
          if (p === '/') {
            return text("[data-process='order-fulfillment'] .caption") !== ''
              && text("[data-process='order-fulfillment'] [data-count='completed']") !== '0';
          }
          if (p.startsWith('/processes/')) {
            return all('g[data-step]').length >= 6 && text("[data-count='completed']") !== '0'
              && [...all('g[data-step] text.figure')].some((t) => t.textContent.includes('p50'));
          }
          if (p.startsWith('/traces/')) {
            return all('tr.event').length >= 10 && all('.instance g[data-step]').length >= 6;
          }
          if (p.startsWith('/incidents')) {
            return all('tr[data-incident]').length > 0;
          }
          return false;
        };
        const check = () => {
          if (window.__renderedAt == null && document.body && rendered()) {
            window.__renderedAt = performance.now();
            observer.disconnect();
          }
        };
        const observer = new MutationObserver(check);
        observer.observe(document, { childList: true, subtree: true, characterData: true });
      })();
      """;

  private static final String API_CALLS = """
      return performance.getEntriesByType('resource')
        .filter((e) => new URL(e.name).pathname.startsWith('/api/') && e.responseEnd <= window.__renderedAt)
        .map((e) => { const u = new URL(e.name); return [u.pathname, e.duration]; });
      """;

  /** One measured load: until rendered, and the duration of each API call made before that (path, ms). */
  record Load(double renderedMs, List<Map.Entry<String, Double>> apiCalls) {}

  private final ChromeDriver driver;
  private final String base;

  PageTimer(int port) {
    try {
      ChromeOptions options = new ChromeOptions();
      options.setBinary("/usr/bin/chromium");
      options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
          "--disable-background-networking", "--disable-extensions", "--disable-component-update",
          "--disable-sync", "--no-first-run", "--window-size=1280,800",
          "--user-data-dir=" + Files.createTempDirectory("chromium-profile"));
      ChromeDriverService service = new ChromeDriverService.Builder()
          .usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile()).usingAnyFreePort().build();
      this.driver = new ChromeDriver(service, options);
      this.base = "http://localhost:" + port;
      driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", WATCHER));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String browserVersion() {
    return driver.getCapabilities().getBrowserName() + " " + driver.getCapabilities().getBrowserVersion();
  }

  /** A fresh navigation to the page (from a blank one, so nothing of the previous view lives on). */
  @SuppressWarnings("unchecked")
  Load load(String path) {
    driver.get("about:blank");
    driver.get(base + path);
    JavascriptExecutor js = driver;
    Number at = new WebDriverWait(driver, Duration.ofSeconds(60), Duration.ofMillis(20))
        .until(d -> (Number) js.executeScript("return window.__renderedAt"));
    List<Map.Entry<String, Double>> calls = new ArrayList<>();
    for (Object entry : (List<Object>) js.executeScript(API_CALLS)) {
      List<Object> pair = (List<Object>) entry;
      calls.add(Map.entry((String) pair.get(0), ((Number) pair.get(1)).doubleValue()));
    }
    return new Load(at.doubleValue(), calls);
  }

  /** Per API path, every duration seen over the loads, in the order first seen. */
  static Map<String, List<Double>> apiDurations(List<Load> loads) {
    Map<String, List<Double>> byPath = new LinkedHashMap<>();
    for (Load l : loads) {
      for (Map.Entry<String, Double> call : l.apiCalls()) {
        byPath.computeIfAbsent(call.getKey(), k -> new ArrayList<>()).add(call.getValue());
      }
    }
    return byPath;
  }

  @Override
  public void close() {
    driver.quit();
  }
}
