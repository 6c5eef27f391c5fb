package io.choreography.tracker.service.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Correlation by business keys in the topology: links and waiting events routed between tasks (SPEC 3.12). */
class KeyLinksTopologyTest {

  static final String DEFINITION = """
      id: shipment
      correlation:
        - json: /orderId
      eventType:
        - json: /type
      eventTime:
        - json: /time
      eventId:
        - json: /id
      keys:
        paymentId: [ { json: /paymentId } ]
        parcelId: [ { json: /parcelId } ]
      reorderWindow: 5s
      steps:
        - id: placed
          on: { topic: orders, type: Placed }
        - id: paid
          on: { topic: payments, type: Paid }
          after: [placed]
        - id: shipped
          on: { topic: shipping, type: Shipped }
          after: [paid]
          end: completed
      """;

  static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

  @Test
  void shouldJoinAnEventThatCarriesOnlyALinkedKey() throws Exception {
    try (TopologyHarness h = new TopologyHarness(T0, TrackingProperties.defaults(),
        TrackingStores.dueIndexSupplier(), DEFINITION)) {
      // the shipment arrives first, with the payment id only; then the events that link it
      h.send("shipping", "k", "Shipped", "e-3", null, T0.plusMillis(2), T0.plusMillis(10),
          Map.of("paymentId", "pay-1"));
      h.send("orders", "k", "Placed", "e-1", "o-1", T0, T0.plusMillis(20));
      h.send("payments", "k", "Paid", "e-2", "o-1", T0.plusMillis(1), T0.plusMillis(30),
          Map.of("paymentId", "pay-1"));
      h.advance(Duration.ofSeconds(10));

      JsonNode last = null;
      for (JsonNode change : h.instanceChanges()) {
        last = change;
      }
      assertThat(last).isNotNull();
      assertThat(last.path("status").asString()).isEqualTo("COMPLETED");
      assertThat(last.path("keyValues").toString()).contains("pay-1");
      assertThat(h.incidentEvents()).noneMatch(i -> i.path("data").path("type").asString().equals("UNCORRELATED"));
    }
  }

  /** Wall-clock ticks of 250 ms: each publishes the task's watermark, one more level each time. */
  private static void ticks(TopologyHarness h, int n) {
    for (int i = 0; i < n; i++) {
      h.advance(Duration.ofMillis(250));
    }
  }

  @Test
  void shouldHoldTheWaitingEventWhileTheVerdictOfRoutedRecordsLags() throws Exception {
    try (TopologyHarness h = new TopologyHarness(T0, TrackingProperties.defaults(),
        TrackingStores.dueIndexSupplier(), DEFINITION)) {
      h.send("shipping", "k", "Shipped", "e-3", null, T0, T0, Map.of("parcelId", "parcel-1"));
      // the input is read far past the window in one step: the tasks' watermarks have not caught up yet
      h.advance(Duration.ofSeconds(30));
      assertThat(h.incidentEvents()).isEmpty();
      ticks(h, 14);

      assertThat(h.incidentEvents()).isNotEmpty();
    }
  }

  @Test
  void shouldCountAnEventWhoseKeyIsNeverLinkedAsUncorrelated() throws Exception {
    try (TopologyHarness h = new TopologyHarness(T0, TrackingProperties.defaults(),
        TrackingStores.dueIndexSupplier(), DEFINITION)) {
      h.send("shipping", "k", "Shipped", "e-3", null, T0, T0, Map.of("parcelId", "parcel-1"));
      ticks(h, 16);
      assertThat(h.incidentEvents()).isEmpty();
      // the window ends 5 s after its arrival; the verdict follows the tasks' watermarks a few ticks behind
      ticks(h, 24);

      assertThat(h.incidentEvents()).anySatisfy(i -> {
        assertThat(i.path("data").path("type").asString()).isEqualTo("UNCORRELATED");
        assertThat(i.path("data").path("step").asString()).isEqualTo("shipped");
      });
    }
  }
}
