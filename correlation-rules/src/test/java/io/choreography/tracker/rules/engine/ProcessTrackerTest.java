package io.choreography.tracker.rules.engine;

import static io.choreography.tracker.rules.engine.TrackerHarness.T0;
import static java.time.Duration.ofDays;
import static java.time.Duration.ofMinutes;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;

import io.choreography.tracker.model.IncidentIds;
import io.choreography.tracker.model.IncidentStatus;
import io.choreography.tracker.model.IncidentType;
import io.choreography.tracker.model.InstanceStatus;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** SPEC 3.1 - 3.4, 3.6, 3.7, 3.11 and escalations, one test per rule. */
class ProcessTrackerTest {

  private final TrackerHarness h = new TrackerHarness(Definitions.orderFulfillment());

  private int step(String id) {
    return h.tracker.process().stepIndex(id);
  }

  @Test
  void shouldCreateInstanceOnFirstMatchingEventWithItsEventTimeAsStart() {
    // given
    h.clock.set(T0.plus(ofMinutes(3)));
    // when
    EngineOutput out = h.event("order-placed", ofSeconds(0));
    // then
    assertThat(out.created()).isTrue();
    assertThat(out.state().traceId()).isEqualTo("trace-1");
    assertThat(out.state().startedAt()).isEqualTo(T0.toEpochMilli());
    assertThat(out.state().status()).isEqualTo(InstanceStatus.RUNNING);
    assertThat(out.incidents()).isEmpty();
  }

  @Test
  void shouldExpectStepFromEventTimeOfTheEventThatCompletedItsAfter() {
    // given
    h.event("order-placed", ofSeconds(0));
    // when
    EngineOutput out = h.event("status-updated", ofSeconds(20));
    // then: payment-received due 5m after order-placed's event time, not after the latest event
    assertThat(Predecessors.isExpected(h.state, step("payment-received"))).isTrue();
    assertThat(Predecessors.expectedSince(h.state, step("payment-received"))).isEqualTo(T0.toEpochMilli());
    assertThat(out.nextDueAt()).isEqualTo(T0.plus(ofMinutes(5)));
    assertThat(Predecessors.isExpected(h.state, step("goods-fetched"))).isFalse();
  }

  @Test
  void shouldNotExpectStepWhenAnotherMemberOfItsChoiceIsReached() {
    // given
    h.event("order-placed", ofSeconds(0));
    // when
    h.event("payment-received", ofSeconds(10));
    // then
    assertThat(Predecessors.isExpected(h.state, step("payment-failed"))).isFalse();
    assertThat(Predecessors.isExpected(h.state, step("goods-fetched"))).isTrue();
  }

  @Test
  void shouldExpectAnyJoinStepWhenOneOfItsPredecessorsIsReached() {
    // given
    TrackerHarness any = new TrackerHarness(Definitions.anyJoin());
    any.event("a", ofSeconds(0));
    // when
    any.event("c", ofSeconds(30));
    any.event("b", ofSeconds(40));
    // then: expected since the earliest alternative
    int d = any.tracker.process().stepIndex("d");
    assertThat(Predecessors.isExpected(any.state, d)).isTrue();
    assertThat(Predecessors.expectedSince(any.state, d)).isEqualTo(T0.plusSeconds(30).toEpochMilli());
    assertThat(any.changes).isEmpty();
  }

  @Test
  void shouldNotRaiseStuckBeforeTheStepIsDue() {
    // given
    h.event("order-placed", ofSeconds(0));
    // when
    h.at(ofMinutes(5).minusMillis(1));
    // then
    assertThat(h.changes).isEmpty();
    assertThat(h.state.status()).isEqualTo(InstanceStatus.RUNNING);
  }

  @Test
  void shouldRaiseOneStuckIncidentPerInstanceAndStep() {
    // given
    h.event("order-placed", ofSeconds(0));
    // when
    h.at(ofMinutes(12));
    h.at(ofMinutes(13));
    h.fire();
    // then
    assertThat(h.changes(IncidentType.STUCK)).singleElement().satisfies(c -> {
      assertThat(c.kind()).isEqualTo(IncidentChange.Kind.OPENED);
      assertThat(c.incident().step()).isEqualTo("payment-received");
      assertThat(c.incident().traceId()).isEqualTo("trace-1");
      assertThat(c.incident().openedAt()).isEqualTo(T0.plus(ofMinutes(5)));
      assertThat(c.incident().message())
          .isEqualTo("waiting 12m for payment-received (PaymentReceived on payments); due after 5m");
    });
    assertThat(h.state.status()).isEqualTo(InstanceStatus.STUCK);
  }

  @Test
  void shouldAppendTheServiceHintToStuckMessages() {
    // given
    TrackerHarness hinted = new TrackerHarness(Definitions.orderFulfillment(),
        (process, stepId) -> "; p95 of this step is 40s");
    hinted.event("order-placed", ofSeconds(0));
    // when
    hinted.at(ofMinutes(12));
    // then
    assertThat(hinted.changes.get(0).incident().message())
        .isEqualTo("waiting 12m for payment-received (PaymentReceived on payments); due after 5m; "
            + "p95 of this step is 40s");
  }

  @Test
  void shouldResolveStuckIncidentWhenTheStepIsReached() {
    // given
    h.event("order-placed", ofSeconds(0));
    h.at(ofMinutes(6));
    // when
    h.event("payment-received", ofMinutes(6));
    // then
    assertThat(h.changes(IncidentType.STUCK)).extracting(IncidentChange::kind)
        .containsExactly(IncidentChange.Kind.OPENED, IncidentChange.Kind.RESOLVED);
    assertThat(h.changes.get(1).incident().status()).isEqualTo(IncidentStatus.RESOLVED);
    assertThat(h.changes.get(1).incident().id()).isEqualTo(h.changes.get(0).incident().id());
    assertThat(h.state.status()).isEqualTo(InstanceStatus.RUNNING);
  }

  @Test
  void shouldResolveStuckIncidentWhenAnotherMemberOfItsChoiceIsReached() {
    // given
    h.event("order-placed", ofSeconds(0));
    h.at(ofMinutes(6));
    // when
    h.event("payment-failed", ofMinutes(6));
    // then
    assertThat(h.changes(IncidentType.STUCK)).extracting(IncidentChange::kind)
        .containsExactly(IncidentChange.Kind.OPENED, IncidentChange.Kind.RESOLVED);
  }

  @Test
  void shouldNotRaiseStuckAgainForAStepAfterItsIncidentResolved() {
    // given
    h.event("order-placed", ofSeconds(0));
    h.at(ofMinutes(6));
    h.event("payment-received", ofMinutes(6));
    // when
    h.at(ofMinutes(30));
    // then
    assertThat(h.changes(IncidentType.STUCK)).hasSize(2);
  }

  @Test
  void shouldNeverRaiseStuckForOptionalSteps() {
    // given
    h.event("order-placed", ofSeconds(0));
    h.event("payment-received", ofSeconds(1));
    h.event("goods-fetched", ofSeconds(2));
    // when
    h.at(ofMinutes(50));
    // then: status-updated is optional and has no within
    assertThat(h.changes).isEmpty();
  }

  @Test
  void shouldRaiseDeadlineWhenInstanceHasNotEndedAtStartPlusDeadline() {
    // given
    h.event("order-placed", ofSeconds(0));
    h.event("payment-received", ofSeconds(1));
    h.event("goods-fetched", ofSeconds(2));
    // when
    h.at(ofDays(2).minusMillis(1));
    int before = h.changes(IncidentType.DEADLINE).size();
    h.at(ofDays(2));
    h.at(ofDays(3));
    // then
    assertThat(before).isZero();
    assertThat(h.changes(IncidentType.DEADLINE)).singleElement().satisfies(c -> {
      assertThat(c.incident().step()).isNull();
      assertThat(c.incident().openedAt()).isEqualTo(T0.plus(ofDays(2)));
      assertThat(c.incident().message()).contains("deadline is 2d");
    });
  }

  @Test
  void shouldReportStatusStuckWhileAStuckOrDeadlineIncidentIsOpen() {
    // given
    h.event("order-placed", ofSeconds(0));
    h.event("payment-received", ofSeconds(1));
    h.event("goods-fetched", ofSeconds(2));
    h.event("goods-shipped", ofDays(3)); // ends: nothing is stuck after
    TrackerHarness other = new TrackerHarness(Definitions.orderFulfillment());
    other.event("order-placed", ofSeconds(0));
    other.event("payment-received", ofSeconds(1));
    other.event("goods-fetched", ofSeconds(2));
    // when
    other.at(ofDays(2).plusSeconds(1)); // goods-shipped stuck (1d) and deadline (2d)
    // then
    assertThat(other.state.status()).isEqualTo(InstanceStatus.STUCK);
    assertThat(other.changes).extracting(c -> c.incident().type())
        .containsExactlyInAnyOrder(IncidentType.STUCK, IncidentType.DEADLINE);
    // when
    other.event("goods-shipped", ofDays(2));
    // then
    assertThat(other.state.status()).isEqualTo(InstanceStatus.COMPLETED);
    assertThat(other.changes).filteredOn(c -> c.kind() == IncidentChange.Kind.RESOLVED).hasSize(2);
  }

  @Test
  void shouldCompleteInstanceWhenCompletedEndStepIsReached() {
    // given
    h.event("order-placed", ofSeconds(0));
    h.event("payment-received", ofSeconds(1));
    h.event("goods-fetched", ofSeconds(2));
    // when
    EngineOutput out = h.event("goods-shipped", ofSeconds(3));
    // then
    assertThat(out.state().status()).isEqualTo(InstanceStatus.COMPLETED);
    assertThat(out.state().endedAt()).isEqualTo(T0.plusSeconds(3).toEpochMilli());
    assertThat(out.incidents()).isEmpty();
    assertThat(out.nextDueAt()).isNull();
  }

  @Test
  void shouldFailInstanceAndOpenFailedIncidentWhenFailedEndStepIsReached() {
    // given
    h.event("order-placed", ofSeconds(0));
    // when
    EngineOutput out = h.event("payment-failed", ofSeconds(5));
    // then
    assertThat(out.state().status()).isEqualTo(InstanceStatus.FAILED);
    assertThat(out.incidents()).singleElement().satisfies(c -> {
      assertThat(c.incident().type()).isEqualTo(IncidentType.FAILED);
      assertThat(c.incident().step()).isEqualTo("payment-failed");
      assertThat(c.incident().message()).startsWith("ended as FAILED at payment-failed (PaymentResult on payments)");
    });
  }

  @Test
  void shouldRaiseUnexpectedWhenNonRepeatStepIsReachedAgainByADifferentEvent() {
    // given
    h.event("order-placed", "e1", ofSeconds(0));
    h.event("payment-received", "p1", ofSeconds(1));
    // when
    h.event("payment-received", "p2", ofSeconds(2));
    h.event("payment-received", "p3", ofSeconds(3));
    h.event("payment-received", "p3", ofSeconds(3)); // a redelivery of p3 is a duplicate, not one more
    // then: one incident, occurrences folded into its count
    assertThat(h.changes(IncidentType.UNEXPECTED)).extracting(IncidentChange::kind, c -> c.incident().count())
        .containsExactly(org.assertj.core.groups.Tuple.tuple(IncidentChange.Kind.OPENED, 1L),
            org.assertj.core.groups.Tuple.tuple(IncidentChange.Kind.UPDATED, 2L));
    assertThat(h.changes.get(0).incident().message())
        .isEqualTo("payment-received reached again by event p2 after event p1");
    assertThat(h.state.eventId(step("payment-received"))).isEqualTo("p1");
    assertThat(h.duplicates).isEqualTo(1);
  }

  @Test
  void shouldAcceptRepeatStepAnyNumberOfTimes() {
    // given
    h.event("order-placed", ofSeconds(0));
    // when
    for (int i = 1; i <= 5; i++) {
      h.event("status-updated", ofSeconds(i));
    }
    // then
    assertThat(h.changes).isEmpty();
    assertThat(h.state.reachedAt(step("status-updated"))).isEqualTo(T0.plusSeconds(1).toEpochMilli());
  }

  @Test
  void shouldRaiseUnexpectedForAnEventOfAnEndedInstance() {
    // given
    h.event("order-placed", ofSeconds(0));
    h.event("payment-failed", ofSeconds(5));
    h.clock.set(T0.plus(ofMinutes(5)));
    // when
    h.event("status-updated", "late", ofMinutes(4));
    // then
    assertThat(h.changes(IncidentType.UNEXPECTED)).singleElement().satisfies(c -> {
      assertThat(c.incident().step()).isEqualTo("status-updated");
      assertThat(c.incident().message()).startsWith("event late for status-updated arrived after the instance ended as FAILED");
    });
    assertThat(h.state.status()).isEqualTo(InstanceStatus.FAILED);
  }

  @Test
  void shouldRaiseUnexpectedWhenAWithdrawnChoiceAlternativeIsReached() {
    // given
    h.event("order-placed", ofSeconds(0));
    h.event("payment-received", ofSeconds(5));
    // when
    h.event("payment-failed", "pf", ofSeconds(6));
    // then
    assertThat(h.changes).singleElement().satisfies(c -> {
      assertThat(c.incident().type()).isEqualTo(IncidentType.UNEXPECTED);
      assertThat(c.incident().step()).isEqualTo("payment-failed");
      assertThat(c.incident().message())
          .isEqualTo("payment-failed reached by event pf although its alternative payment-received was already reached");
    });
    assertThat(h.state.status()).isEqualTo(InstanceStatus.RUNNING);
  }

  @Test
  void shouldChangeNothingAndCountDuplicateEvents() {
    // given
    h.event("order-placed", "o1", ofSeconds(0));
    h.event("status-updated", "s1", ofSeconds(1));
    h.event("status-updated", "s2", ofSeconds(2));
    InstanceState before = h.state.copy();
    // when
    EngineOutput o1 = h.event("order-placed", "o1", ofSeconds(0));
    EngineOutput s2 = h.event("status-updated", "s2", ofSeconds(2));
    // then
    assertThat(o1.duplicate()).isTrue();
    assertThat(s2.duplicate()).isTrue();
    assertThat(h.state).isEqualTo(before);
    assertThat(h.changes).isEmpty();
  }

  @Test
  void shouldFireEachEscalationOncePerInstanceWhileItRuns() {
    // given
    TrackerHarness spec = new TrackerHarness(Definitions.specExample());
    spec.event("order-placed", ofSeconds(0));
    spec.event("payment-received", ofSeconds(1));
    // when
    spec.at(ofDays(14));
    spec.at(ofDays(15));
    spec.event("goods-fetched", ofDays(15));
    spec.event("goods-shipped", ofDays(16));
    spec.at(ofDays(30));
    // then
    assertThat(spec.commands).singleElement().satisfies(c -> {
      assertThat(c.topic()).isEqualTo("customer-notifications");
      assertThat(c.type()).isEqualTo("DelayNotice");
      assertThat(c.traceId()).isEqualTo("trace-1");
      assertThat(c.dueAt()).isEqualTo(T0.plus(ofDays(14)));
    });
  }

  @Test
  void shouldGiveTheSameFactTheSameIncidentId() {
    // given
    h.event("order-placed", ofSeconds(0));
    InstanceState saved = h.state.copy();
    h.at(ofMinutes(6));
    String first = h.changes.get(0).incident().id();
    // when: a replay from the saved state after a crash
    h.state = saved;
    h.at(ofMinutes(7));
    // then
    assertThat(h.changes).hasSize(2);
    assertThat(h.changes.get(1).incident().id()).isEqualTo(first);
    assertThat(first).isEqualTo(IncidentIds.of("order-fulfillment", "trace-1", IncidentType.STUCK, "payment-received"));
  }

  @Test
  void shouldReportNextDueAsEarliestOfStepDueDeadlineReorderExpiryAndEscalation() {
    // given
    h.clock.set(T0);
    // when: goods-fetched early (reorder window 30s), payment-received due at 5m, deadline 2d, escalation 14d
    EngineOutput early = h.event("goods-fetched", ofSeconds(0));
    // then
    assertThat(early.nextDueAt()).isEqualTo(T0.plusSeconds(30));
    // when
    h.event("order-placed", ofSeconds(-1));
    // then: goods-fetched still waits for payment-received; order-placed's time is the new start
    assertThat(h.last.nextDueAt()).isEqualTo(T0.plusSeconds(30));
    assertThat(h.state.startedAt()).isEqualTo(T0.minusSeconds(1).toEpochMilli());
    // when
    h.event("payment-received", ofMillis(-500));
    // then: goods-shipped due 1d after goods-fetched, deadline 2d after start
    assertThat(h.last.nextDueAt()).isEqualTo(T0.plus(ofDays(1)));
    assertThat(h.reordered).isEqualTo(1);
  }

  private static Duration ofMillis(long ms) {
    return Duration.ofMillis(ms);
  }
}
