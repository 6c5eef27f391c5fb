package io.choreography.tracker.rules.tracking;

import static io.choreography.tracker.rules.tracking.TrackerFixture.at;
import static java.time.Duration.ZERO;
import static java.time.Duration.ofDays;
import static java.time.Duration.ofHours;
import static java.time.Duration.ofMillis;
import static java.time.Duration.ofMinutes;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;

import io.choreography.tracker.model.IncidentStatus;
import io.choreography.tracker.model.IncidentType;
import io.choreography.tracker.model.InstanceStatus;
import io.choreography.tracker.rules.engine.Definitions;
import io.choreography.tracker.model.IncidentIds;
import org.junit.jupiter.api.Test;

/** Every incident type through the tracker, with the time each one carries. */
class TrackerIncidentsTest {

  private final TrackerFixture f = new TrackerFixture(Definitions.orderFulfillment(), ofHours(1));

  @Test
  void shouldRaiseStuckOnlyOnceTheVerdictTimeReachesItsDueTimeAndCarryTheDueTime() {
    // given
    f.event("order-placed", "A", "a1", ZERO, ZERO);
    // when: another instance's event arrives long after A's payment was due, but no verdict reached it
    f.event("order-placed", "B", "b1", ofMinutes(10), ofMinutes(10));
    f.fire(ofMinutes(5).minusMillis(1));
    int beforeDue = f.incidents(IncidentType.STUCK).size();
    f.fire(ofMinutes(7));
    // then
    assertThat(beforeDue).isZero();
    assertThat(f.incidents(IncidentType.STUCK)).singleElement().satisfies(e -> {
      assertThat(e.kind()).isEqualTo(PublishedChange.Kind.OPENED);
      assertThat(e.incident().traceId()).isEqualTo("A");
      assertThat(e.incident().step()).isEqualTo("payment-received");
      assertThat(e.incident().openedAt()).isEqualTo(at(ofMinutes(5)));
      assertThat(e.incident().message()).startsWith("waiting 7m for payment-received");
      assertThat(e.at()).isEqualTo(at(ofMinutes(7)));
    });
    assertThat(f.last("A").snapshot().status()).isEqualTo(InstanceStatus.STUCK);
    assertThat(f.last("A").openIncidents())
        .containsExactly(IncidentIds.of("order-fulfillment", "A", IncidentType.STUCK, "payment-received"));
    assertThat(f.opened).containsEntry(IncidentType.STUCK, 1);
  }

  @Test
  void shouldResolveStuckAtTheArrivalOfTheEventThatReachesTheStep() {
    // given
    f.event("order-placed", "A", "a1", ZERO, ZERO);
    f.fire(ofMinutes(6));
    // when
    f.event("payment-received", "A", "a2", ofMinutes(6), ofMinutes(8));
    // then
    assertThat(f.incidents(IncidentType.STUCK)).extracting(TrackerFixture.IncidentEvent::kind)
        .containsExactly(PublishedChange.Kind.OPENED, PublishedChange.Kind.RESOLVED);
    assertThat(f.incidents(IncidentType.STUCK).get(1).incident()).satisfies(i -> {
      assertThat(i.status()).isEqualTo(IncidentStatus.RESOLVED);
      assertThat(i.openedAt()).isEqualTo(at(ofMinutes(5)));
      assertThat(i.resolvedAt()).isEqualTo(at(ofMinutes(8)));
    });
    assertThat(f.last("A").snapshot().status()).isEqualTo(InstanceStatus.RUNNING);
    assertThat(f.last("A").openIncidents()).isEmpty();
  }

  @Test
  void shouldRaiseDeadlineAtStartPlusDeadline() {
    // given
    f.event("order-placed", "A", "a1", ZERO, ZERO);
    f.event("payment-received", "A", "a2", ofMinutes(1), ofMinutes(1));
    f.event("goods-fetched", "A", "a3", ofMinutes(2), ofMinutes(2));
    // when
    f.fire(ofDays(2).minusMillis(1));
    int before = f.incidents(IncidentType.DEADLINE).size();
    f.fire(ofDays(3));
    // then
    assertThat(before).isZero();
    assertThat(f.incidents(IncidentType.DEADLINE)).singleElement()
        .satisfies(e -> assertThat(e.incident().openedAt()).isEqualTo(at(ofDays(2))));
  }

  @Test
  void shouldOpenFailedAtTheArrivalOfTheFailingEvent() {
    // given
    f.event("order-placed", "A", "a1", ZERO, ZERO);
    // when
    f.event("payment-failed", "A", "a2", ofSeconds(50), ofMinutes(1));
    // then
    assertThat(f.incidents(IncidentType.FAILED)).singleElement().satisfies(e -> {
      assertThat(e.incident().openedAt()).isEqualTo(at(ofMinutes(1)));
      assertThat(e.at()).isEqualTo(at(ofMinutes(1)));
    });
    assertThat(f.last("A").snapshot().status()).isEqualTo(InstanceStatus.FAILED);
    assertThat(f.last("A").snapshot().endedAt()).isEqualTo(at(ofSeconds(50)));
  }

  @Test
  void shouldFoldUnexpectedOccurrencesKeepingWhenTheIncidentOpened() {
    // given
    f.event("order-placed", "A", "a1", ZERO, ZERO);
    // when: order-placed reached again, twice
    f.event("order-placed", "A", "a1-again", ZERO, ofMinutes(1));
    f.event("order-placed", "A", "a1-third", ZERO, ofMinutes(2));
    // then
    assertThat(f.incidents(IncidentType.UNEXPECTED)).hasSize(2).satisfiesExactly(
        opened -> {
          assertThat(opened.kind()).isEqualTo(PublishedChange.Kind.OPENED);
          assertThat(opened.incident().openedAt()).isEqualTo(at(ofMinutes(1)));
        },
        updated -> {
          assertThat(updated.kind()).isEqualTo(PublishedChange.Kind.UPDATED);
          assertThat(updated.incident().count()).isEqualTo(2);
          assertThat(updated.incident().openedAt()).isEqualTo(at(ofMinutes(1)));
          assertThat(updated.at()).isEqualTo(at(ofMinutes(2)));
        });
  }

  @Test
  void shouldRaiseOutOfOrderAtTheArrivalOfAPredecessorWithALaterEventTime() {
    // given
    f.event("order-placed", "A", "a1", ZERO, ZERO);
    f.event("goods-fetched", "A", "a3", ofSeconds(20), ofSeconds(1));
    // when
    f.event("payment-received", "A", "a2", ofSeconds(25), ofSeconds(5));
    // then
    assertThat(f.incidents(IncidentType.OUT_OF_ORDER)).singleElement().satisfies(e -> {
      assertThat(e.incident().step()).isEqualTo("goods-fetched");
      assertThat(e.incident().openedAt()).isEqualTo(at(ofSeconds(5)));
    });
  }

  @Test
  void shouldRaiseOutOfOrderAtTheVerdictTimeWhenTheReorderWindowExpires() {
    // given: goods-fetched arrives at 1 s without payment-received; its window is [1 s, 31 s)
    f.event("order-placed", "A", "a1", ZERO, ZERO);
    f.event("goods-fetched", "A", "a3", ofSeconds(20), ofSeconds(1));
    // when
    f.fire(ofSeconds(31).minus(ofMillis(1)));
    int before = f.incidents.size();
    f.fire(ofSeconds(40));
    // then
    assertThat(before).isZero();
    assertThat(f.incidents(IncidentType.OUT_OF_ORDER)).singleElement().satisfies(e -> {
      assertThat(e.incident().openedAt()).isEqualTo(at(ofSeconds(40)));
      assertThat(e.incident().message()).contains("did not arrive within the 30s reorder window");
    });
  }

  @Test
  void shouldCountUncorrelatedEventsInTheStoreInOneIncidentPerStep() {
    // when
    f.event("payment-received", null, "x1", ZERO, ofSeconds(1));
    f.event("payment-received", null, "x2", ZERO, ofSeconds(2));
    f.event("order-placed", null, "x3", ZERO, ofSeconds(3));
    // then
    assertThat(f.incidents(IncidentType.UNCORRELATED)).hasSize(3);
    assertThat(f.incidents(IncidentType.UNCORRELATED).get(1)).satisfies(e -> {
      assertThat(e.kind()).isEqualTo(PublishedChange.Kind.UPDATED);
      assertThat(e.incident().count()).isEqualTo(2);
      assertThat(e.incident().openedAt()).isEqualTo(at(ofSeconds(1)));
      assertThat(e.incident().id()).isEqualTo(f.incidents.get(0).incident().id());
    });
    assertThat(f.state.uncorrelatedCounts().count("order-fulfillment", "payment-received")).isEqualTo(2);
    assertThat(f.uncorrelated).isEqualTo(3);
    assertThat(f.opened).containsEntry(IncidentType.UNCORRELATED, 2);
    assertThat(f.instances).isEmpty();
    assertThat(f.events).isZero();
  }

  @Test
  void shouldEmitEachEscalationOnceWithItsDueTime() {
    // given
    f.event("order-placed", "A", "a1", ZERO, ZERO);
    // when
    f.fire(ofDays(14).minusMillis(1));
    int before = f.escalations.size();
    f.fire(ofDays(15));
    f.fire(ofDays(30));
    // then
    assertThat(before).isZero();
    assertThat(f.escalations).singleElement().satisfies(c -> {
      assertThat(c.type()).isEqualTo("DelayNotice");
      assertThat(c.topic()).isEqualTo("customer-notifications");
      assertThat(c.traceId()).isEqualTo("A");
      assertThat(c.dueAt()).isEqualTo(at(ofDays(14)));
    });
  }
}
