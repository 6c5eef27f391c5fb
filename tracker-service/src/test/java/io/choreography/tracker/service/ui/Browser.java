package io.choreography.tracker.service.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Real headless Chromium (Debian's chromium and chromium-driver, installed by .ci/run) at 1280x800. Skips the test
 * where they are not installed; saves screenshots under target/screenshots.
 */
final class Browser implements AutoCloseable {

  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

  final WebDriver driver;
  private final String base;

  private Browser(WebDriver driver, String base) {
    this.driver = driver;
    this.base = base;
  }

  static Browser open(int port) {
    Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
        "browser tests need /usr/bin/chromium and /usr/bin/chromedriver (apt-get install chromium chromium-driver)");
    try {
      ChromeOptions options = new ChromeOptions();
      options.setBinary(CHROMIUM.toFile());
      options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
          "--disable-background-networking", "--disable-extensions", "--disable-component-update",
          "--disable-sync", "--no-first-run", "--window-size=1280,800",
          "--user-data-dir=" + Files.createTempDirectory("chromium-profile"));
      LoggingPreferences logs = new LoggingPreferences();
      logs.enable(LogType.BROWSER, Level.ALL);
      options.setCapability("goog:loggingPrefs", logs);
      ChromeDriverService service = new ChromeDriverService.Builder()
          .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
      return new Browser(new ChromeDriver(service, options), "http://localhost:" + port);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Opens a page and returns how long until the page's content (the given element) was there. */
  Duration open(String path, By content) {
    long start = System.nanoTime();
    driver.get(base + path);
    waitFor(d -> !d.findElements(content).isEmpty());
    return Duration.ofNanos(System.nanoTime() - start);
  }

  WebElement find(By by) {
    return driver.findElement(by);
  }

  List<WebElement> findAll(By by) {
    return driver.findElements(by);
  }

  /** Waits up to 30 s; live views replace their elements as changes arrive, so a stale element means "again". */
  <T> T waitFor(ExpectedCondition<T> condition) {
    return new WebDriverWait(driver, Duration.ofSeconds(30), Duration.ofMillis(100))
        .ignoring(StaleElementReferenceException.class).until(condition);
  }

  /** Whether the condition holds within a short time, without failing. */
  static boolean within(WebDriver driver, Duration timeout, ExpectedCondition<Boolean> condition) {
    try {
      return new WebDriverWait(driver, timeout, Duration.ofMillis(100)).until(condition);
    } catch (TimeoutException e) {
      return false;
    }
  }

  void screenshot(String name) {
    try {
      Path dir = Path.of("target", "screenshots");
      Files.createDirectories(dir);
      Files.write(dir.resolve(name + ".png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Fails on any error the page wrote to the browser console. */
  void assertNoConsoleErrors() {
    List<String> errors = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
        .map(LogEntry::getMessage)
        .toList();
    assertThat(errors).as("browser console errors").isEmpty();
  }

  @Override
  public void close() {
    driver.quit();
  }
}
