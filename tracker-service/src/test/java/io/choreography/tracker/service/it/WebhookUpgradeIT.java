package io.choreography.tracker.service.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A webhook on plain http is sent as HTTP/1.1: a receiver that refuses protocol upgrades (405, as Node servers with
 * WebSockets attached do) gets the notification instead of an {@code Upgrade: h2c} request it refuses for good.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class WebhookUpgradeIT {

  static final TestScope SCOPE = TestScope.create("webhook-upgrade");
  static final String INCIDENTS = SCOPE.incidentsTopic();
  static UpgradeRefusingReceiver receiver;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws Exception {
    receiver = new UpgradeRefusingReceiver();
    TestKafka.createTopics(SCOPE.infrastructure().kafkaBootstrapServers(), 1, List.of(INCIDENTS));
    SCOPE.register(registry);
    registry.add("tracker.alerts.group-id", () -> "it-alerts-" + SCOPE.indexPrefix());
    registry.add("tracker.alerts.webhooks[0].url", () -> receiver.url("/hooks/tracker"));
  }

  @AfterAll
  static void stopReceiver() throws IOException {
    receiver.close();
  }

  @Test
  void shouldDeliverToAReceiverThatRefusesUpgradesWithoutAskingForOne() {
    // given
    String traceId = "0af7651916cd43dd8448eb211c80319c";
    String incidentId = "order-fulfillment/" + traceId + "/STUCK/payment-received";

    // when
    TrackerTopicRecords.sendCommitted(SCOPE.infrastructure().kafkaBootstrapServers(), List.of(
        TrackerTopicRecords.incident(INCIDENTS, "OPENED", incidentId, 1, "STUCK", "order-fulfillment", traceId,
            "payment-received", "waiting 5m for payment-received")));

    // then: delivered at the first attempt, which asked for no upgrade
    await().atMost(Duration.ofSeconds(30)).until(() -> !receiver.requests().isEmpty());
    UpgradeRefusingReceiver.Request first = receiver.requests().get(0);
    assertThat(first.headers()).doesNotContainKeys("upgrade", "http2-settings");
    assertThat(first.status()).isEqualTo(200);
    assertThat(first.headers()).containsEntry("idempotency-key", incidentId + "/OPENED/1");
    assertThat(first.body()).contains(traceId);
  }
}
