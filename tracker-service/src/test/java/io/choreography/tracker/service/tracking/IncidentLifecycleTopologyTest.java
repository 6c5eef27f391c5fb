package io.choreography.tracker.service.tracking;

import static io.choreography.tracker.service.tracking.TopologyHarness.PROCESS;
import static org.assertj.core.api.Assertions.assertThat;

import io.choreography.tracker.model.Incident;
import io.choreography.tracker.model.IncidentCommand;
import io.choreography.tracker.model.IncidentStatus;
import io.choreography.tracker.model.IncidentType;
import io.choreography.tracker.model.IncidentIds;
import io.choreography.tracker.model.incidents.IncidentCodec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Operators' actions and the engine's changes of one incident, through the incident lifecycle store. */
class IncidentLifecycleTopologyTest {

  static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

  @Test
  void shouldKeepAnAcknowledgementAndOpenedAtWhenTheEngineResolvesTheIncident() throws Exception {
    try (TopologyHarness h = new TopologyHarness(T0)) {
      // given a STUCK incident
      h.send("orders", "k", "Placed", "e1", "order-1", T0);
      h.advance(Duration.ofMillis(1_300));
      JsonNode opened = single(h.incidentEvents());
      Incident stuck = incident(opened);
      Instant ackAt = T0.plusSeconds(2);

      // when
      h.command(new IncidentCommand(IncidentCommand.Action.ACKNOWLEDGE, stuck.id(), ackAt, stuck));
      JsonNode acknowledged = single(h.incidentEvents());
      h.command(new IncidentCommand(IncidentCommand.Action.ACKNOWLEDGE, stuck.id(), ackAt.plusSeconds(1), stuck));
      List<JsonNode> repeated = h.incidentEvents();
      h.advance(Duration.ofSeconds(2));
      h.send("payments", "p", "Paid", "e2", "order-1", T0.plusSeconds(3));
      JsonNode resolved = single(h.incidentEvents());

      // then
      assertThat(acknowledged.path("type").asString()).isEqualTo("tracker.incident.acknowledged");
      assertThat(acknowledged.path("id").asString()).isEqualTo(stuck.id() + "/ACKNOWLEDGED/1");
      assertThat(acknowledged.path("time").asString()).isEqualTo(ackAt.toString());
      assertThat(acknowledged.path("data").path("status").asString()).isEqualTo("ACKNOWLEDGED");
      assertThat(acknowledged.path("data").path("acknowledgedAt").asString()).isEqualTo(ackAt.toString());
      assertThat(acknowledged.path("data").path("openedAt")).isEqualTo(opened.path("data").path("openedAt"));
      assertThat(repeated).as("acknowledging twice changes nothing").isEmpty();
      assertThat(resolved.path("type").asString()).isEqualTo("tracker.incident.resolved");
      assertThat(resolved.path("data").path("status").asString()).isEqualTo("RESOLVED");
      assertThat(resolved.path("data").path("acknowledgedAt").asString()).isEqualTo(ackAt.toString());
      assertThat(resolved.path("data").path("openedAt")).isEqualTo(opened.path("data").path("openedAt"));
      assertThat(resolved.path("data").path("resolvedAt").isNull()).isFalse();
    }
  }

  @Test
  void shouldNotResolveAgainAnIncidentAnOperatorResolved() throws Exception {
    try (TopologyHarness h = new TopologyHarness(T0)) {
      // given
      h.send("orders", "k", "Placed", "e1", "order-2", T0);
      h.advance(Duration.ofMillis(1_300));
      Incident stuck = incident(single(h.incidentEvents()));
      Instant resolveAt = T0.plusSeconds(2);

      // when
      h.command(new IncidentCommand(IncidentCommand.Action.RESOLVE, stuck.id(), resolveAt, stuck));
      JsonNode byOperator = single(h.incidentEvents());
      h.command(new IncidentCommand(IncidentCommand.Action.ACKNOWLEDGE, stuck.id(), resolveAt.plusSeconds(1), stuck));
      h.send("payments", "p", "Paid", "e2", "order-2", T0.plusSeconds(3));
      List<JsonNode> afterwards = h.incidentEvents();

      // then
      assertThat(byOperator.path("type").asString()).isEqualTo("tracker.incident.resolved");
      assertThat(byOperator.path("id").asString()).isEqualTo(stuck.id() + "/RESOLVED/1");
      assertThat(byOperator.path("data").path("resolvedAt").asString()).isEqualTo(resolveAt.toString());
      assertThat(byOperator.path("data").path("acknowledgedAt").isNull()).isTrue();
      assertThat(afterwards).as("neither acknowledged after resolving nor resolved twice").isEmpty();
    }
  }

  @Test
  void shouldKeepOpenedAtWhenTheEngineUpdatesTheCount() throws Exception {
    try (TopologyHarness h = new TopologyHarness(T0)) {
      // given an UNEXPECTED incident (placed reached again by another event)
      h.send("orders", "k", "Placed", "e1", "order-3", T0);
      h.send("orders", "k", "Placed", "e1-again", "order-3", T0);
      JsonNode opened = single(h.incidentEvents());
      Incident unexpected = incident(opened);
      h.command(new IncidentCommand(IncidentCommand.Action.ACKNOWLEDGE, unexpected.id(), T0.plusSeconds(1),
          unexpected));
      h.incidentEvents();

      // when: it happens again a minute later (meanwhile the instance got stuck, too)
      h.advance(Duration.ofMinutes(1));
      h.send("orders", "k", "Placed", "e1-third", "order-3", T0);
      JsonNode updated = single(h.incidentEvents().stream()
          .filter(e -> e.path("data").path("id").asString().equals(unexpected.id())).toList());

      // then
      assertThat(opened.path("data").path("type").asString()).isEqualTo("UNEXPECTED");
      assertThat(updated.path("type").asString()).isEqualTo("tracker.incident.updated");
      assertThat(updated.path("data").path("count").asLong()).isEqualTo(2);
      assertThat(updated.path("data").path("openedAt")).isEqualTo(opened.path("data").path("openedAt"));
      assertThat(updated.path("data").path("status").asString()).isEqualTo("ACKNOWLEDGED");
      assertThat(updated.path("data").path("acknowledgedAt").asString()).isEqualTo(T0.plusSeconds(1).toString());
    }
  }

  @Test
  void shouldTakeTheDocumentAsTheTruthForAnIncidentItHasNoEntryFor() throws Exception {
    try (TopologyHarness h = new TopologyHarness(T0)) {
      // given an incident raised before lifecycle entries existed
      String id = IncidentIds.of(PROCESS, "order-old", IncidentType.FAILED, "shipped");
      Incident documented = new Incident(id, IncidentType.FAILED, IncidentStatus.OPEN, PROCESS, "order-old", "shipped",
          T0.minusSeconds(3600), null, null, "ended as FAILED", 1);

      // when
      h.command(new IncidentCommand(IncidentCommand.Action.RESOLVE, id, T0, documented));
      JsonNode resolved = single(h.incidentEvents());

      // then
      assertThat(resolved.path("type").asString()).isEqualTo("tracker.incident.resolved");
      assertThat(resolved.path("data").path("openedAt").asString()).isEqualTo(T0.minusSeconds(3600).toString());
      assertThat(resolved.path("data").path("resolvedAt").asString()).isEqualTo(T0.toString());
      assertThat(resolved.path("data").path("message").asString()).isEqualTo("ended as FAILED");
    }
  }

  @Test
  void shouldForgetTheLifecycleOfAnInstanceThatLeftTheStore() throws Exception {
    TrackingProperties settings = TrackingProperties.defaults().withRetention(Duration.ofSeconds(10));
    try (TopologyHarness h = new TopologyHarness(T0, settings, TrackingStores.dueIndexSupplier())) {
      // given a stuck instance that then completes, and an acknowledged incident of an instance not stored
      h.send("orders", "k", "Placed", "e1", "order-4", T0);
      h.advance(Duration.ofMillis(1_300));
      h.send("payments", "k", "Paid", "e2", "order-4", T0.plusSeconds(1));
      h.send("shipping", "k", "Shipped", "e3", "order-4", T0.plusSeconds(2));
      String id = IncidentIds.of(PROCESS, "order-gone", IncidentType.FAILED, "shipped");
      h.command(new IncidentCommand(IncidentCommand.Action.ACKNOWLEDGE, id, T0.plusSeconds(2), new Incident(id,
          IncidentType.FAILED, IncidentStatus.OPEN, PROCESS, "order-gone", "shipped", T0, null, null, "failed", 1)));
      KeyValueStore<String, byte[]> lifecycle = h.driver.getKeyValueStore(TrackingStores.INCIDENT_LIFECYCLE);
      long before = count(lifecycle);

      // when
      h.advance(Duration.ofSeconds(15));

      // then
      assertThat(before).isEqualTo(2);
      assertThat(count(lifecycle)).isZero();
    }
  }

  private static long count(KeyValueStore<String, byte[]> store) {
    long n = 0;
    try (var it = store.all()) {
      while (it.hasNext()) {
        it.next();
        n++;
      }
    }
    return n;
  }

  private static JsonNode single(List<JsonNode> events) {
    assertThat(events).hasSize(1);
    return events.get(0);
  }

  /** The incident of a record of the incidents topic, read as every consumer reads it. */
  private static Incident incident(JsonNode event) {
    return IncidentCodec.decode(JsonMapper.builder().build().writeValueAsBytes(event)).incident();
  }
}
