package io.choreography.tracker.service.tracking;

import io.choreography.tracker.rules.tracking.InstanceKeys;
import io.choreography.tracker.rules.tracking.state.DueTimer;
import static io.choreography.tracker.service.tracking.TopologyHarness.PROCESS;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class TrackingTopologyTest {

  static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

  @Test
  void shouldCorrelateEventsAcrossTopicsWithDifferentKeys() throws Exception {
    try (TopologyHarness h = new TopologyHarness(T0)) {
      // given
      String trace = "order-1";

      // when
      h.send("orders", "customer-7", "Placed", "e1", trace, T0);
      h.send("payments", "payment-99", "Paid", "e2", trace, T0.plusMillis(400));
      h.send("shipping", null, "Shipped", "e3", trace, T0.plusMillis(900));

      // then
      List<JsonNode> changes = h.instanceChanges();
      assertThat(changes).hasSize(3);
      JsonNode last = changes.get(2);
      assertThat(last.path("process").asString()).isEqualTo(PROCESS);
      assertThat(last.path("traceId").asString()).isEqualTo(trace);
      assertThat(last.path("status").asString()).isEqualTo("COMPLETED");
      assertThat(last.path("endedAt").asString()).isEqualTo(T0.plusMillis(900).toString());
      assertThat(last.path("steps").path("paid").path("eventId").asString()).isEqualTo("e2");
      assertThat(last.path("stepDurationsMs").path("paid").asLong()).isEqualTo(400);
      assertThat(last.path("stepDurationsMs").path("shipped").asLong()).isEqualTo(500);
      assertThat(last.path("version").asString()).isNotBlank();
      assertThat(h.incidentEvents()).isEmpty();
      assertThat(h.metrics.eventsTracked()).isEqualTo(3);
    }
  }

  @Test
  void shouldRaiseStuckWhenTheWallClockPassesTheDueTimeAndResolveItWhenTheStepArrives() throws Exception {
    try (TopologyHarness h = new TopologyHarness(T0)) {
      // given
      h.send("orders", "k", "Placed", "e1", "order-2", T0);
      assertThat(h.instanceChanges().get(0).path("waitingFor").get(0).path("due").asString())
          .isEqualTo(T0.plusSeconds(1).toString());

      // when
      h.advance(Duration.ofMillis(800));
      List<JsonNode> beforeDue = h.incidentEvents();
      h.advance(Duration.ofMillis(500));
      List<JsonNode> afterDue = h.incidentEvents();
      JsonNode stuckInstance = h.instanceChanges().get(0);
      h.advance(Duration.ofSeconds(5));
      List<JsonNode> later = h.incidentEvents();
      h.send("payments", "p", "Paid", "e2", "order-2", T0.plusSeconds(3));
      List<JsonNode> onArrival = h.incidentEvents();

      // then
      assertThat(beforeDue).isEmpty();
      assertThat(afterDue).hasSize(1);
      JsonNode opened = afterDue.get(0);
      assertThat(opened.path("type").asString()).isEqualTo("tracker.incident.opened");
      assertThat(opened.path("subject").asString()).isEqualTo("order-2");
      assertThat(opened.path("data").path("type").asString()).isEqualTo("STUCK");
      assertThat(opened.path("data").path("step").asString()).isEqualTo("paid");
      assertThat(opened.path("id").asString()).isEqualTo(opened.path("data").path("id").asString() + "/OPENED/1");
      assertThat(stuckInstance.path("status").asString()).isEqualTo("STUCK");
      assertThat(stuckInstance.path("openIncidents").get(0).asString())
          .isEqualTo(opened.path("data").path("id").asString());
      assertThat(later).as("one STUCK per instance and step").isEmpty();
      assertThat(onArrival).hasSize(1);
      assertThat(onArrival.get(0).path("type").asString()).isEqualTo("tracker.incident.resolved");
      assertThat(onArrival.get(0).path("data").path("id").asString())
          .isEqualTo(opened.path("data").path("id").asString());
      JsonNode resolvedInstance = h.instanceChanges().get(0);
      assertThat(resolvedInstance.path("status").asString()).isEqualTo("RUNNING");
      assertThat(resolvedInstance.path("openIncidents")).isEmpty();
    }
  }

  @Test
  void shouldVisitOnlyTheTimersThatFellDue() throws Exception {
    try (TopologyHarness h = new TopologyHarness(T0)) {
      // given 500 instances due in an hour and 3 due in a second
      for (int i = 0; i < 500; i++) {
        h.send("orders", "k", "Placed", "later-" + i, "later-" + i, T0.plusSeconds(3600));
      }
      for (int i = 0; i < 3; i++) {
        h.send("orders", "k", "Placed", "soon-" + i, "soon-" + i, T0);
      }
      h.instanceChanges();
      double before = h.metrics.timersVisited();

      // when
      h.advance(Duration.ofSeconds(2));

      // then
      assertThat(h.metrics.timersVisited() - before).isEqualTo(3);
      assertThat(h.incidentEvents()).hasSize(3);
    }
  }

  @Test
  void shouldDeleteEndedInstancesAfterTheRetention() throws Exception {
    TrackingProperties settings = TrackingProperties.defaults().withRetention(Duration.ofSeconds(10));
    try (TopologyHarness h = new TopologyHarness(T0, settings, TrackingStores.dueIndexSupplier())) {
      // given
      h.send("orders", "k", "Placed", "e1", "order-3", T0);
      h.send("payments", "k", "Paid", "e2", "order-3", T0);
      h.send("shipping", "k", "Shipped", "e3", "order-3", T0);
      h.send("orders", "k", "Placed", "e4", "order-4", T0.plusSeconds(3600));
      String ended = InstanceKeys.of(PROCESS, "order-3");
      String running = InstanceKeys.of(PROCESS, "order-4");

      // when
      h.advance(Duration.ofSeconds(5));
      boolean keptWithinRetention = h.instanceStore().get(ended) != null;
      h.advance(Duration.ofSeconds(6));

      // then
      assertThat(keptWithinRetention).isTrue();
      assertThat(h.instanceStore().get(ended)).isNull();
      assertThat(h.instanceStore().get(running)).isNotNull();
    }
  }

  @Test
  void shouldCountUncorrelatedEventsInOneIncidentPerStep() throws Exception {
    try (TopologyHarness h = new TopologyHarness(T0)) {
      // given
      h.send("orders", "k1", "Placed", "u1", null, T0);

      // when
      h.send("orders", "k2", "Placed", "u2", null, T0);

      // then
      List<JsonNode> events = h.incidentEvents();
      assertThat(events).hasSize(2);
      assertThat(events.get(0).path("type").asString()).isEqualTo("tracker.incident.opened");
      assertThat(events.get(1).path("type").asString()).isEqualTo("tracker.incident.updated");
      assertThat(events.get(1).path("subject").asString()).isEqualTo(PROCESS + "/placed");
      assertThat(events.get(1).path("data").path("type").asString()).isEqualTo("UNCORRELATED");
      assertThat(events.get(1).path("data").path("count").asLong()).isEqualTo(2);
      assertThat(events.get(1).path("data").path("id").asString())
          .isEqualTo(events.get(0).path("data").path("id").asString());
      assertThat(h.instanceChanges()).isEmpty();
    }
  }

  @Test
  void shouldChangeNothingWhenTheSameRecordIsDeliveredAgain() throws Exception {
    try (TopologyHarness h = new TopologyHarness(T0)) {
      // given
      h.send("orders", "k", "Placed", "e1", "order-5", T0);
      h.send("payments", "k", "Paid", "e2", "order-5", T0.plusMillis(10));
      h.instanceChanges();
      byte[] stored = h.instanceStore().get(InstanceKeys.of(PROCESS, "order-5"));

      // when
      h.send("payments", "k", "Paid", "e2", "order-5", T0.plusMillis(10));

      // then
      assertThat(h.instanceChanges()).isEmpty();
      assertThat(h.incidentEvents()).isEmpty();
      assertThat(h.instanceStore().get(InstanceKeys.of(PROCESS, "order-5"))).isEqualTo(stored);
      assertThat(h.metrics.duplicates()).isEqualTo(1);
    }
  }

  @Test
  void shouldEmitAnEscalationOnceAsACloudEventCarryingTheTraceId() throws Exception {
    String definition = """
        id: shipment
        correlation:
          - json: /orderId
        eventType:
          - json: /type
        eventTime:
          - json: /time
        eventId:
          - json: /id
        steps:
          - id: placed
            on: { topic: orders, type: Placed }
          - id: shipped
            on: { topic: shipping, type: Shipped }
            after: [placed]
            end: completed
        escalations:
          - after: 2s
            emit: { topic: notifications, type: DelayNotice }
        """;
    String trace = "4bf92f3577b34da6a3ce929d0e0e4736";
    try (TopologyHarness h = new TopologyHarness(T0, TrackingProperties.defaults(),
        TrackingStores.dueIndexSupplier(), definition)) {
      TestOutputTopic<String, String> notifications = h.output("notifications");
      // given
      h.send("orders", "k", "Placed", "e1", trace, T0);

      // when
      h.advance(Duration.ofMillis(1_500));
      boolean earlyEmpty = notifications.isEmpty();
      h.advance(Duration.ofMillis(1_000));
      TestRecord<String, String> emitted = notifications.readRecord();
      h.advance(Duration.ofSeconds(10));

      // then
      assertThat(earlyEmpty).isTrue();
      assertThat(emitted.key()).isEqualTo(trace);
      assertThat(new String(emitted.headers().lastHeader("content-type").value(), StandardCharsets.UTF_8))
          .isEqualTo("application/cloudevents+json");
      JsonNode event = TopologyHarness.JSON.readTree(emitted.value());
      assertThat(event.path("type").asString()).isEqualTo("DelayNotice");
      assertThat(event.path("subject").asString()).isEqualTo(trace);
      assertThat(event.path("traceid").asString()).isEqualTo(trace);
      assertThat(event.path("traceparent").asString()).startsWith("00-" + trace + "-").endsWith("-01");
      assertThat(event.path("time").asString()).isEqualTo(T0.plusSeconds(2).toString());
      assertThat(notifications.isEmpty()).as("once per instance").isTrue();
    }
  }

  @Test
  void shouldHoldAStuckVerdictWhileTheInputIsNotReadPastTheDueTime() throws Exception {
    try (TopologyHarness h = new TopologyHarness(T0)) {
      // given: placed at T0, paid due at T0 + 1 s; the tracker then lags, its input read up to T0 + 0.5 s only
      h.send("orders", "k", "Placed", "e1", "order-held", T0);
      h.inputReadUpTo(T0.plusMillis(500));

      // when: the wall clock passes the due time by far
      h.advance(Duration.ofSeconds(30));

      // then: nothing is decided, and the delay shows
      assertThat(h.incidentEvents()).isEmpty();
      assertThat(h.verdictLag.heldForMillis()).isEqualTo(29_500);

      // when: the record that was not read yet is read (paid, on time), then the input is read up to now
      h.send("payments", "p", "Paid", "e2", "order-held", T0.plusMillis(900), T0.plusMillis(900));
      h.inputReadUpTo(null);
      h.advance(Duration.ofSeconds(1));

      // then: no STUCK, ever
      assertThat(h.incidentEvents()).isEmpty();
      assertThat(h.verdictLag.heldForMillis()).isZero();
    }
  }

  @Test
  void shouldRaiseAHeldStuckVerdictOnceTheInputIsReadPastTheDueTime() throws Exception {
    try (TopologyHarness h = new TopologyHarness(T0)) {
      // given
      h.send("orders", "k", "Placed", "e1", "order-late", T0);
      h.inputReadUpTo(T0.plusMillis(500));
      h.advance(Duration.ofSeconds(10));
      assertThat(h.incidentEvents()).isEmpty();

      // when: read up to just before the due time, then past it
      h.inputReadUpTo(T0.plusMillis(999));
      h.advance(Duration.ofMillis(250));
      List<JsonNode> justBefore = h.incidentEvents();
      h.inputReadUpTo(T0.plusMillis(1_000));
      h.advance(Duration.ofMillis(250));
      List<JsonNode> past = h.incidentEvents();

      // then: raised once, with its due time
      assertThat(justBefore).isEmpty();
      assertThat(past).singleElement().satisfies(e -> {
        assertThat(e.path("data").path("type").asString()).isEqualTo("STUCK");
        assertThat(e.path("data").path("openedAt").asString()).isEqualTo(T0.plusSeconds(1).toString());
      });
    }
  }

  @Test
  void shouldHoldEveryVerdictUntilTheFirstWatermarkAfterAFreshStart() throws Exception {
    try (TopologyHarness h = new TopologyHarness(T0, TrackingProperties.defaults(), TrackingStores.dueIndexSupplier(),
        TopologyHarness.DEFINITION, false)) {
      // given: no watermark at all yet
      h.send("orders", "k", "Placed", "e1", "order-fresh", T0);

      // when
      h.driver.advanceWallClockTime(Duration.ofSeconds(10));

      // then
      assertThat(h.incidentEvents()).isEmpty();
    }
  }

  @Test
  void shouldSkipRecordsThatAreNotJsonWithoutFailing() throws Exception {
    try (TopologyHarness h = new TopologyHarness(T0)) {
      // given
      h.sendRaw(new byte[] {(byte) 0xff, 0, 1, 2});

      // when
      h.send("orders", "k", "Placed", "e1", "order-6", T0);

      // then
      assertThat(h.instanceChanges()).hasSize(1);
    }
  }

  @Test
  void shouldMeasureTheReorderWindowBetweenRecordTimestampsNotWhenTheRecordsAreRead() throws Exception {
    try (TopologyHarness h = new TopologyHarness(T0)) {
      // given: paid before placed in both orders, read at once; the reorder window is 1 s
      h.send("payments", "k", "Paid", "r2", "order-reordered", T0.plusMillis(100), T0);
      h.send("orders", "k", "Placed", "r1", "order-reordered", T0, T0.plusMillis(900));
      h.send("payments", "k", "Paid", "l2", "order-late", T0.plusMillis(100), T0);

      // when: placed of order-late arrived 2 s after its paid, though the tracker reads it at the same moment
      h.send("orders", "k", "Placed", "l1", "order-late", T0, T0.plusSeconds(2));

      // then
      List<JsonNode> opened = h.incidentEvents();
      assertThat(opened).singleElement().satisfies(e -> {
        assertThat(e.path("subject").asString()).isEqualTo("order-late");
        assertThat(e.path("data").path("type").asString()).isEqualTo("OUT_OF_ORDER");
        assertThat(e.path("data").path("message").asString()).contains("later than the 1s reorder window");
        assertThat(e.path("data").path("openedAt").asString()).isEqualTo(T0.plusSeconds(2).toString());
      });
    }
  }

  @Test
  void shouldCountTheRetentionFromTheArrivalOfTheEndEvent() throws Exception {
    TrackingProperties settings = TrackingProperties.defaults().withRetention(Duration.ofSeconds(10));
    try (TopologyHarness h = new TopologyHarness(T0, settings, TrackingStores.dueIndexSupplier(),
        TopologyHarness.DEFINITION, false)) {
      // given: an order whose records arrived 9 s before the tracker, lagging, read them
      Instant arrived = T0.minusSeconds(9);
      h.inputReadUpTo(arrived.minusSeconds(1));
      h.send("orders", "k", "Placed", "e1", "order-7", arrived);
      h.send("payments", "k", "Paid", "e2", "order-7", arrived);
      h.send("shipping", "k", "Shipped", "e3", "order-7", arrived);
      h.inputReadUpTo(null);

      // when
      h.advance(Duration.ofMillis(1_300));

      // then
      assertThat(h.instanceStore().get(InstanceKeys.of(PROCESS, "order-7"))).isNull();
      assertThat(h.metrics.timersVisited()).isEqualTo(1);
    }
  }

  @Test
  void shouldPublishAnInstanceChangeOnlyWhenWhatUsersSeeOfItChanged() throws Exception {
    try (TopologyHarness h = new TopologyHarness(T0)) {
      // given
      h.send("orders", "k", "Placed", "e1", "order-8", T0);
      h.send("orders", "k", "Placed", "e1-again", "order-8", T0);

      // when: one more occurrence of the same UNEXPECTED: a count, not a change of the instance
      h.send("orders", "k", "Placed", "e1-third", "order-8", T0);

      // then
      assertThat(h.instanceChanges()).hasSize(2);
      assertThat(h.incidentEvents()).extracting(e -> e.path("type").asString())
          .containsExactly("tracker.incident.opened", "tracker.incident.updated");
      assertThat(h.metrics.eventsTracked()).isEqualTo(3);
    }
  }

  @Test
  void shouldCountTheTimersDueInARangeFromTheDueIndex() throws Exception {
    try (TopologyHarness h = new TopologyHarness(T0)) {
      // given: paid due at T0 + 1 s for three orders and at T0 + 11 s for two
      for (int i = 0; i < 3; i++) {
        h.send("orders", "k", "Placed", "soon-" + i, "soon-" + i, T0);
      }
      for (int i = 0; i < 2; i++) {
        h.send("orders", "k", "Placed", "later-" + i, "later-" + i, T0.plusSeconds(10));
      }
      StreamsDueIndex index = new StreamsDueIndex(h.driver.getKeyValueStore(TrackingStores.DUE_INDEX));
      long t0 = T0.toEpochMilli();

      // when / then
      assertThat(index.countDue(t0, t0 + 1_000, 100)).isEqualTo(3);
      assertThat(index.countDue(t0 + 1_000, t0 + 11_000, 100)).isEqualTo(2);
      assertThat(index.countDue(t0, t0 + 11_000, 4)).isEqualTo(4);
      assertThat(index.countDue(t0 + 11_000, t0 + 60_000, 100)).isZero();
    }
  }

  @Test
  void shouldFindNothingDueWhenTheVerdictTimeMovesBackAndStillFindWhatIsPutBeforeIt() throws Exception {
    try (TopologyHarness h = new TopologyHarness(T0)) {
      // given: a due index that fired everything due by T0 + 20 s
      StreamsDueIndex index = new StreamsDueIndex(h.driver.getKeyValueStore(TrackingStores.DUE_INDEX));
      long t0 = T0.toEpochMilli();
      index.put(t0 + 1_000, "a");
      assertThat(index.dueBy(t0 + 20_000, 100)).extracting(DueTimer::key).containsExactly("a");
      index.remove(t0 + 1_000, "a");

      // when: the verdict time moves back (an input partition with a backlog was assigned)
      List<DueTimer> back = index.dueBy(t0 + 5_000, 100);
      index.put(t0 + 3_000, "b");

      // then
      assertThat(back).isEmpty();
      assertThat(index.dueBy(t0 + 5_000, 100)).extracting(DueTimer::key).containsExactly("b");
    }
  }
}
