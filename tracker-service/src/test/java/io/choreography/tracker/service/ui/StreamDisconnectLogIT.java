package io.choreography.tracker.service.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.choreography.tracker.service.it.LogCapture;
import io.choreography.tracker.service.it.RawHttp;
import io.choreography.tracker.service.it.TestKafka;
import io.choreography.tracker.service.it.TestScope;
import io.choreography.tracker.service.demo.DemoEmitters;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * Live-stream clients going away, as browsers leaving a page and as plain connections closed, with security on:
 * the tracker notices (no client left) and writes neither an ERROR nor a stack trace.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class StreamDisconnectLogIT {

  static final TestScope SCOPE = TestScope.create("stream-disconnect");
  static final String VIEWER_KEY = "viewer-key-0123456789abcdef";
  static final JsonMapper JSON = JsonMapper.builder().build();

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws Exception {
    // the topics the definition tracks, so that the tracking topology has what to read and logs no error
    List<String> topics = new ArrayList<>(DemoEmitters.TOPICS.stream().map(SCOPE::topic).toList());
    topics.addAll(List.of(SCOPE.instancesTopic(), SCOPE.incidentsTopic()));
    TestKafka.createTopics(SCOPE.infrastructure().kafkaBootstrapServers(), 1, topics);
    SCOPE.register(registry, true);
    registry.add("tracker.security.api-keys[0].key", () -> VIEWER_KEY);
    registry.add("tracker.security.api-keys[0].role", () -> "viewer");
    // a closed connection is noticed at the next write: write often
    registry.add("tracker.stream.heartbeat", () -> "200ms");
  }

  @LocalServerPort int port;

  @Test
  void shouldLogNoErrorWhenBrowsersLeavePagesWithLiveStreams() throws Exception {
    try (LogCapture log = new LogCapture()) {
      try (Browser browser = Browser.open(port)) {
        // given: the key in the browser, as the Key button stores it
        browser.open("/", By.cssSelector("#view section"));
        ((JavascriptExecutor) browser.driver).executeScript("localStorage.setItem('tracker.apiKey', arguments[0])",
            VIEWER_KEY);

        // when: ten pages, each following the live stream, each left for the next
        for (int i = 0; i < 10; i++) {
          browser.open(i % 2 == 0 ? "/traces/disconnect-" + i : "/incidents", By.cssSelector("#view section"));
          Thread.sleep(1_000); // the page's stream is open, and heartbeats go to it
          System.out.println("page " + i + ": " + streamClients() + " stream clients");
        }
      }

      // then: the browser gone, every stream is noticed gone, and nothing was logged as an error
      await().atMost(Duration.ofSeconds(20)).until(() -> streamClients() == 0);
      Thread.sleep(1_000);
      assertThat(log.errorsAndStackTraces()).as("errors and stack traces logged").isEmpty();
    }
  }

  @Test
  void shouldLogNoErrorFor200ClientsThatDisconnect() throws Exception {
    try (LogCapture log = new LogCapture()) {
      // when: 200 clients connect, see the stream open, and go away
      for (int i = 0; i < 200; i++) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
          socket.setSoTimeout(10_000);
          OutputStream out = socket.getOutputStream();
          out.write(("GET /api/stream" + (i % 3 == 0 ? "?process=order-fulfillment" : "") + " HTTP/1.1\r\n"
              + "Host: localhost\r\nAccept: text/event-stream\r\nX-API-Key: " + VIEWER_KEY + "\r\n\r\n")
              .getBytes(StandardCharsets.UTF_8));
          out.flush();
          awaitHeartbeat(socket.getInputStream());
          if (i % 2 == 0) {
            socket.setSoLinger(true, 0); // half of them reset the connection rather than closing it
          }
        }
      }

      // then
      await().atMost(Duration.ofSeconds(10)).until(() -> streamClients() == 0);
      Thread.sleep(1_000);
      assertThat(log.errorsAndStackTraces()).as("errors and stack traces logged").isEmpty();
    }
  }

  /** Reads the response until its first heartbeat comment: the stream is open. */
  private static void awaitHeartbeat(InputStream in) throws IOException {
    String line = RawHttp.line(in);
    assertThat(line).startsWith("HTTP/1.1 200");
    while (!line.startsWith(":")) {
      line = RawHttp.line(in);
      if (line == null) {
        throw new IOException("stream ended before its first heartbeat");
      }
    }
  }

  private double streamClients() throws IOException {
    RawHttp.Response r = RawHttp.exchange(port, "GET", "/actuator/metrics/tracker.stream.clients",
        Map.of("X-API-Key", VIEWER_KEY));
    return JSON.readTree(r.body()).path("measurements").path(0).path("value").asDouble(-1);
  }
}
