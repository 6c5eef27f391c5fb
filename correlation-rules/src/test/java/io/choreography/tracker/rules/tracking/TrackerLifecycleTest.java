package io.choreography.tracker.rules.tracking;

import static io.choreography.tracker.rules.tracking.TrackerFixture.at;
import static java.time.Duration.ZERO;
import static java.time.Duration.ofHours;
import static java.time.Duration.ofMinutes;
import static org.assertj.core.api.Assertions.assertThat;

import io.choreography.tracker.model.Incident;
import io.choreography.tracker.model.IncidentCommand.Action;
import io.choreography.tracker.model.IncidentStatus;
import io.choreography.tracker.model.IncidentType;
import io.choreography.tracker.rules.engine.Definitions;
import io.choreography.tracker.model.IncidentIds;
import org.junit.jupiter.api.Test;

/** Operators' acknowledge and resolve, and the engine's changes of the same incidents. */
class TrackerLifecycleTest {

  private final TrackerFixture f = new TrackerFixture(Definitions.orderFulfillment(), ofHours(1));

  private Incident stuckOf(String trace) {
    f.event("order-placed", trace, trace + "1", ZERO, ZERO);
    f.fire(ofMinutes(6));
    return f.incidents(IncidentType.STUCK).get(0).incident();
  }

  @Test
  void shouldKeepAnAcknowledgementAndOpenedAtWhenTheEngineResolvesTheIncident() {
    // given
    Incident stuck = stuckOf("A");
    // when
    f.command(Action.ACKNOWLEDGE, stuck, ofMinutes(7));
    f.command(Action.ACKNOWLEDGE, stuck, ofMinutes(8));
    f.event("payment-received", "A", "A2", ofMinutes(9), ofMinutes(9));
    // then
    assertThat(f.incidents(IncidentType.STUCK)).extracting(TrackerFixture.IncidentEvent::kind).containsExactly(
        PublishedChange.Kind.OPENED, PublishedChange.Kind.ACKNOWLEDGED, PublishedChange.Kind.RESOLVED);
    assertThat(f.incidents(IncidentType.STUCK).get(1)).satisfies(e -> {
      assertThat(e.incident().status()).isEqualTo(IncidentStatus.ACKNOWLEDGED);
      assertThat(e.incident().acknowledgedAt()).isEqualTo(at(ofMinutes(7)));
      assertThat(e.at()).isEqualTo(at(ofMinutes(7)));
    });
    assertThat(f.incidents(IncidentType.STUCK).get(2).incident()).satisfies(i -> {
      assertThat(i.status()).isEqualTo(IncidentStatus.RESOLVED);
      assertThat(i.acknowledgedAt()).isEqualTo(at(ofMinutes(7)));
      assertThat(i.openedAt()).isEqualTo(at(ofMinutes(5)));
      assertThat(i.resolvedAt()).isEqualTo(at(ofMinutes(9)));
    });
  }

  @Test
  void shouldNotResolveAgainAnIncidentAnOperatorResolved() {
    // given
    Incident stuck = stuckOf("A");
    // when
    f.command(Action.RESOLVE, stuck, ofMinutes(7));
    f.command(Action.ACKNOWLEDGE, stuck, ofMinutes(8));
    f.event("payment-received", "A", "A2", ofMinutes(9), ofMinutes(9));
    // then
    assertThat(f.incidents(IncidentType.STUCK)).extracting(TrackerFixture.IncidentEvent::kind)
        .containsExactly(PublishedChange.Kind.OPENED, PublishedChange.Kind.RESOLVED);
    assertThat(f.incidents(IncidentType.STUCK).get(1).incident()).satisfies(i -> {
      assertThat(i.resolvedAt()).isEqualTo(at(ofMinutes(7)));
      assertThat(i.acknowledgedAt()).isNull();
    });
  }

  @Test
  void shouldKeepAnAcknowledgementWhenTheEngineCountsAnotherOccurrence() {
    // given
    f.event("order-placed", "A", "a1", ZERO, ZERO);
    f.event("order-placed", "A", "a1-again", ZERO, ofMinutes(1));
    Incident unexpected = f.incidents.get(0).incident();
    f.command(Action.ACKNOWLEDGE, unexpected, ofMinutes(2));
    // when
    f.event("order-placed", "A", "a1-third", ZERO, ofMinutes(3));
    // then
    assertThat(f.incidents.get(2)).satisfies(e -> {
      assertThat(e.kind()).isEqualTo(PublishedChange.Kind.UPDATED);
      assertThat(e.incident().count()).isEqualTo(2);
      assertThat(e.incident().status()).isEqualTo(IncidentStatus.ACKNOWLEDGED);
      assertThat(e.incident().acknowledgedAt()).isEqualTo(at(ofMinutes(2)));
      assertThat(e.incident().openedAt()).isEqualTo(at(ofMinutes(1)));
    });
  }

  @Test
  void shouldTakeTheDocumentAsTheTruthForAnIncidentWithoutEntryAndForgetItAfterTheRetention() {
    // given: an incident of an instance no longer stored
    String id = IncidentIds.of("order-fulfillment", "gone", IncidentType.FAILED, "payment-failed");
    Incident documented = new Incident(id, IncidentType.FAILED, IncidentStatus.OPEN, "order-fulfillment", "gone",
        "payment-failed", at(ofHours(-5)), null, null, "ended as FAILED", 1);
    // when
    f.command(Action.ACKNOWLEDGE, documented, ZERO);
    boolean kept = f.state.lifecycles().anyFor("order-fulfillment/gone");
    f.fire(ofHours(1).minusMillis(1));
    boolean keptWithinRetention = f.state.lifecycles().anyFor("order-fulfillment/gone");
    f.fire(ofHours(1));
    // then
    assertThat(f.incidents).singleElement().satisfies(e -> {
      assertThat(e.kind()).isEqualTo(PublishedChange.Kind.ACKNOWLEDGED);
      assertThat(e.incident().openedAt()).isEqualTo(at(ofHours(-5)));
      assertThat(e.incident().message()).isEqualTo("ended as FAILED");
    });
    assertThat(kept).isTrue();
    assertThat(keptWithinRetention).isTrue();
    assertThat(f.state.lifecycles().anyFor("order-fulfillment/gone")).isFalse();
  }

  @Test
  void shouldForgetTheLifecycleOfAnInstanceWhenItLeavesTheStore() {
    // given: an acknowledged STUCK of an instance that then fails
    Incident stuck = stuckOf("A");
    f.command(Action.ACKNOWLEDGE, stuck, ofMinutes(7));
    f.event("payment-failed", "A", "A2", ofMinutes(8), ofMinutes(8));
    // when
    f.fire(ofMinutes(8).plus(ofHours(1)));
    // then
    assertThat(f.stored("A")).isFalse();
    assertThat(f.state.lifecycles().size()).isZero();
  }
}
