package io.choreography.tracker.service.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.choreography.tracker.service.tracing.TrackerTelemetry;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Export off ({@code otel.sdk.disabled=true}, although an endpoint and instance traces are configured): the tracker
 * tracks the order and the receiver gets nothing at all within seconds after (with export on, spans arrive within
 * 200 ms: see {@link OpenTelemetryIT}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OpenTelemetryExportOffIT {

  static final TestScope SCOPE = TestScope.create("otel-off");
  static final TestOtlpReceiver RECEIVER = new TestOtlpReceiver();

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws Exception {
    TracedOrders.register(SCOPE, registry, RECEIVER);
    registry.add("otel.sdk.disabled", () -> "true");
  }

  @AfterAll
  static void closeReceiver() {
    RECEIVER.close();
  }

  @LocalServerPort int port;
  @Autowired TrackerTelemetry telemetry;

  @Test
  void shouldSendNothingWhileTrackingWhenExportIsOff() throws Exception {
    // given
    assertThat(telemetry.enabled()).isFalse();
    String traceId = TracedOrders.randomHex(16);

    // when: an order tracked to its end
    TracedOrders.send(SCOPE, traceId, "o-1");
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
        .until(() -> TracedOrders.instance(port, traceId).contains("\"COMPLETED\""));

    // then: not one export request within 3 s (export on sends within 200 ms)
    await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(4)).until(() -> RECEIVER.requests() == 0);
    assertThat(RECEIVER.spans()).isEmpty();
  }
}
