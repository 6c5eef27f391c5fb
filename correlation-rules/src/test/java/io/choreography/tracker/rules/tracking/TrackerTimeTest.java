package io.choreography.tracker.rules.tracking;

import static java.time.Duration.ZERO;
import static java.time.Duration.ofHours;
import static java.time.Duration.ofMinutes;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;

import io.choreography.tracker.model.IncidentType;
import io.choreography.tracker.model.InstanceStatus;
import io.choreography.tracker.rules.engine.Definitions;
import org.junit.jupiter.api.Test;

/**
 * Reorder windows and retention measured between arrivals, and verdicts held until the verdict time reaches them:
 * how late the tracker reads an event does not matter, only when it arrived.
 */
class TrackerTimeTest {

  private final TrackerFixture f = new TrackerFixture(Definitions.orderFulfillment(), ofHours(1));

  @Test
  void shouldSettleTransportReorderingByArrivalsHoweverLateThePredecessorIsRead() {
    // given: goods-fetched arrived at 1 s before payment-received; events of other orders arrived long after
    f.event("order-placed", "A", "a1", ZERO, ZERO);
    f.event("goods-fetched", "A", "a3", ofSeconds(20), ofSeconds(1));
    for (int i = 0; i < 10; i++) {
      f.event("order-placed", "other-" + i, "o" + i, ofMinutes(i), ofMinutes(i));
    }
    // when: payment-received, which arrived at 30 s, is read only now
    f.event("payment-received", "A", "a2", ofSeconds(10), ofSeconds(30));
    f.fire(ofMinutes(20));
    // then
    assertThat(f.reordered).isEqualTo(1);
    assertThat(f.incidents(IncidentType.OUT_OF_ORDER)).isEmpty();
    assertThat(f.last("A").snapshot().steps()).containsKeys("order-placed", "payment-received", "goods-fetched");
  }

  @Test
  void shouldTakeAPredecessorArrivingAtTheEndOfTheWindowAsOutOfOrder() {
    // given: the window of goods-fetched is [1 s, 31 s)
    f.event("order-placed", "A", "a1", ZERO, ZERO);
    f.event("goods-fetched", "A", "a3", ofSeconds(20), ofSeconds(1));
    // when
    f.event("payment-received", "A", "a2", ofSeconds(10), ofSeconds(31));
    // then
    assertThat(f.reordered).isZero();
    assertThat(f.incidents(IncidentType.OUT_OF_ORDER)).singleElement()
        .satisfies(e -> assertThat(e.incident().message()).contains("later than the 30s reorder window"));
  }

  @Test
  void shouldLeaveAnExpiredWindowUndecidedUntilTheVerdictTimePassesIt() {
    // given
    f.event("order-placed", "A", "a1", ZERO, ZERO);
    f.event("goods-fetched", "A", "a3", ofSeconds(20), ofSeconds(1));
    // when: the verdict time stays before the window's end, whatever arrives meanwhile
    f.event("order-placed", "B", "b1", ofMinutes(5), ofMinutes(5));
    f.fire(ofSeconds(30));
    // then: a predecessor arriving in the window still settles it
    assertThat(f.incidents).isEmpty();
    f.event("payment-received", "A", "a2", ofSeconds(10), ofSeconds(29));
    assertThat(f.reordered).isEqualTo(1);
    f.fire(ofMinutes(10));
    assertThat(f.incidents(IncidentType.OUT_OF_ORDER)).isEmpty();
  }

  @Test
  void shouldMeasureTheWindowAfterTheEndFromTheEndEventsArrival() {
    // given: A completed with goods-shipped arriving at 10 s
    completed("A", ofSeconds(10));
    completed("B", ofSeconds(10));
    // when: a status update that happened before the end, arriving 29.999 s and 30 s after it
    f.event("status-updated", "A", "a-late", ofSeconds(5), ofSeconds(40).minusMillis(1));
    f.event("status-updated", "B", "b-late", ofSeconds(5), ofSeconds(40));
    // then
    assertThat(f.reordered).isEqualTo(1);
    assertThat(f.incidents(IncidentType.UNEXPECTED)).singleElement()
        .satisfies(e -> assertThat(e.incident().traceId()).isEqualTo("B"));
  }

  @Test
  void shouldPurgeAnEndedInstanceOnceTheVerdictTimePassesItsEndArrivalPlusTheRetention() {
    // given
    completed("A", ofSeconds(10));
    // when: an event of another order arrives after A's retention, before any verdict time got there
    f.event("order-placed", "B", "b1", ofHours(2), ofHours(2));
    boolean storedBeforeVerdict = f.stored("A");
    f.fire(ofHours(1).plusSeconds(10).minusMillis(1));
    boolean storedWithinRetention = f.stored("A");
    f.fire(ofHours(1).plusSeconds(10));
    // then
    assertThat(storedBeforeVerdict).isTrue();
    assertThat(storedWithinRetention).isTrue();
    assertThat(f.stored("A")).isFalse();
    assertThat(f.expired).isEqualTo(1);
  }

  @Test
  void shouldStartANewInstanceForAnEventOfAnInstanceThatLeftTheStore() {
    // given
    completed("A", ofSeconds(10));
    f.fire(ofHours(2));
    // when
    f.event("order-placed", "A", "a1-next", ofHours(3), ofHours(3));
    // then
    assertThat(f.created).isEqualTo(2);
    assertThat(f.incidents(IncidentType.UNEXPECTED)).isEmpty();
    assertThat(f.last("A").snapshot().status()).isEqualTo(InstanceStatus.RUNNING);
    assertThat(f.last("A").snapshot().steps()).containsOnlyKeys("order-placed");
  }

  @Test
  void shouldFireAtMostTheLimitPerCallAndTheRestAtTheNext() {
    // given: three instances whose payment falls due
    for (String trace : new String[] {"A", "B", "C"}) {
      f.event("order-placed", trace, trace + "1", ZERO, ZERO);
    }
    // when
    int first = f.tracker.fireDue(TrackerFixture.millis(ofMinutes(6)), 2);
    int stuckAfterFirst = f.incidents(IncidentType.STUCK).size();
    int second = f.tracker.fireDue(TrackerFixture.millis(ofMinutes(6)), 2);
    // then
    assertThat(first).isEqualTo(2);
    assertThat(stuckAfterFirst).isEqualTo(2);
    assertThat(second).isEqualTo(1);
    assertThat(f.incidents(IncidentType.STUCK)).hasSize(3);
    assertThat(f.timersVisited).isEqualTo(3);
  }

  private void completed(String trace, java.time.Duration shippedArrival) {
    f.event("order-placed", trace, trace + "1", ZERO, ZERO);
    f.event("payment-received", trace, trace + "2", ofSeconds(1), ofSeconds(1));
    f.event("goods-fetched", trace, trace + "3", ofSeconds(2), ofSeconds(2));
    f.event("goods-shipped", trace, trace + "4", ofSeconds(9), shippedArrival);
    assertThat(f.last(trace).snapshot().status()).isEqualTo(InstanceStatus.COMPLETED);
  }
}
