package io.choreography.tracker.rules.engine;

import static io.choreography.tracker.rules.engine.TrackerHarness.T0;
import static java.time.Duration.ofMinutes;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;

import io.choreography.tracker.model.IncidentType;
import io.choreography.tracker.model.InstanceStatus;
import org.junit.jupiter.api.Test;

/** SPEC 3.5 (early events, reorder window, OUT_OF_ORDER) and 3.4's end step with a missing predecessor. */
class ReorderWindowTest {

  private final TrackerHarness h = new TrackerHarness(Definitions.orderFulfillment());

  @Test
  void shouldTreatLatePredecessorWithinReorderWindowAsReordering() {
    // given: goods-fetched overtook payment-received in transport
    h.event("order-placed", ofSeconds(0));
    h.event("goods-fetched", ofSeconds(20));
    h.clock.advance(ofSeconds(29));
    // when
    EngineOutput out = h.event("payment-received", ofSeconds(10));
    h.at(ofMinutes(10));
    // then
    assertThat(out.reordered()).isEqualTo(1);
    assertThat(h.state.earlyMask()).isZero();
    assertThat(h.changes).isEmpty();
  }

  @Test
  void shouldRaiseOutOfOrderWhenPredecessorIsStillMissingWhenReorderWindowExpires() {
    // given
    h.event("order-placed", ofSeconds(0));
    h.event("goods-fetched", ofSeconds(20));
    // when
    h.at(ofSeconds(29));
    int before = h.changes.size();
    h.at(ofSeconds(30));
    h.at(ofSeconds(31));
    // then
    assertThat(before).isZero();
    assertThat(h.changes(IncidentType.OUT_OF_ORDER)).singleElement().satisfies(c -> {
      assertThat(c.incident().step()).isEqualTo("goods-fetched");
      assertThat(c.incident().message()).isEqualTo("goods-fetched arrived (event time 2026-03-01T10:00:20Z) before "
          + "payment-received, which did not arrive within the 30s reorder window");
    });
    // and the late predecessor afterwards raises nothing more
    h.event("payment-received", ofSeconds(10));
    assertThat(h.changes(IncidentType.OUT_OF_ORDER)).hasSize(1);
  }

  @Test
  void shouldRaiseOutOfOrderWhenPredecessorArrivesWithLaterEventTime() {
    // given
    h.event("order-placed", ofSeconds(0));
    h.event("goods-fetched", ofSeconds(20));
    // when
    h.clock.advance(ofSeconds(5));
    h.event("payment-received", ofSeconds(25));
    // then
    assertThat(h.changes).singleElement().satisfies(c -> {
      assertThat(c.incident().type()).isEqualTo(IncidentType.OUT_OF_ORDER);
      assertThat(c.incident().step()).isEqualTo("goods-fetched");
      assertThat(c.incident().message()).isEqualTo("payment-received (event time 2026-03-01T10:00:25Z) came after "
          + "goods-fetched (event time 2026-03-01T10:00:20Z), with a later event time although goods-fetched "
          + "comes after it");
    });
    assertThat(h.reordered).isZero();
  }

  @Test
  void shouldRaiseOutOfOrderWhenPredecessorArrivesAfterReorderWindowBeforeTheTimerRan() {
    // given
    h.event("order-placed", ofSeconds(0));
    h.event("goods-fetched", ofSeconds(20));
    // when
    h.clock.advance(ofSeconds(31));
    h.event("payment-received", ofSeconds(10));
    // then
    assertThat(h.changes(IncidentType.OUT_OF_ORDER)).singleElement()
        .satisfies(c -> assertThat(c.incident().message()).contains("later than the 30s reorder window"));
  }

  @Test
  void shouldHoldEndStepReachedWhileRequiredStepIsMissingAndCompleteWhenItArrivesInTime() {
    // given
    h.event("order-placed", ofSeconds(0));
    h.event("payment-received", ofSeconds(1));
    // when
    h.event("goods-shipped", ofSeconds(30));
    // then
    assertThat(h.state.status()).isEqualTo(InstanceStatus.RUNNING);
    // when
    h.clock.advance(ofSeconds(10));
    h.event("goods-fetched", ofSeconds(20));
    // then
    assertThat(h.state.status()).isEqualTo(InstanceStatus.COMPLETED);
    assertThat(h.state.endedAt()).isEqualTo(T0.plusSeconds(30).toEpochMilli());
    assertThat(h.changes).isEmpty();
    assertThat(h.reordered).isEqualTo(1);
  }

  @Test
  void shouldRaiseOutOfOrderAndEndWhenEndStepsRequiredStepNeverArrives() {
    // given: goods-shipped with payment-received and goods-fetched missing
    h.event("order-placed", ofSeconds(0));
    h.event("goods-shipped", ofSeconds(30));
    // when
    h.at(ofMinutes(1));
    // then
    assertThat(h.changes(IncidentType.OUT_OF_ORDER)).singleElement().satisfies(c -> {
      assertThat(c.incident().step()).isEqualTo("goods-shipped");
      assertThat(c.incident().message()).contains("before payment-received, goods-fetched");
    });
    assertThat(h.state.status()).isEqualTo(InstanceStatus.COMPLETED);
    assertThat(h.changes(IncidentType.STUCK)).isEmpty();
  }

  @Test
  void shouldTolerateStepDeliveredAfterTheEndStepWithinReorderWindow() {
    // given
    h.event("order-placed", ofSeconds(0));
    h.event("payment-received", ofSeconds(1));
    h.event("goods-fetched", ofSeconds(2));
    h.event("goods-shipped", ofSeconds(4));
    // when
    h.clock.advance(ofSeconds(10));
    h.event("status-updated", ofSeconds(3));
    // then
    assertThat(h.changes).isEmpty();
    assertThat(h.reordered).isEqualTo(1);
    assertThat(h.state.isReached(h.tracker.process().stepIndex("status-updated"))).isTrue();
  }

  @Test
  void shouldCreateInstanceFromALaterStepAndStartAtTheEarliestEventTime() {
    // given
    h.event("payment-received", ofSeconds(10));
    // when
    h.clock.advance(ofSeconds(1));
    h.event("order-placed", ofSeconds(0));
    // then
    assertThat(h.state.startedAt()).isEqualTo(T0.toEpochMilli());
    assertThat(h.reordered).isEqualTo(1);
    assertThat(h.changes).isEmpty();
  }

  @Test
  void shouldTakeAPredecessorArrivingAtTheEndOfTheWindowAsLate() {
    // given: the window of goods-fetched is [T0, T0 + 30s)
    h.event("order-placed", ofSeconds(0));
    h.event("goods-fetched", ofSeconds(20));
    // when
    h.clock.advance(ofSeconds(30));
    h.event("payment-received", ofSeconds(10));
    // then
    assertThat(h.changes(IncidentType.OUT_OF_ORDER)).singleElement()
        .satisfies(c -> assertThat(c.incident().message()).contains("later than the 30s reorder window"));
    assertThat(h.reordered).isZero();
  }

  @Test
  void shouldRaiseAnExpiredWindowOnlyWhenFiredWithAVerdictTimeAtItsEnd() {
    // given
    h.event("order-placed", ofSeconds(0));
    h.event("goods-fetched", ofSeconds(20));
    // when: events keep arriving after the window's end, but no verdict time reached it yet
    h.clock.advance(ofMinutes(5));
    h.event("status-updated", ofSeconds(21));
    int beforeVerdict = h.changes.size();
    h.clock.set(T0);
    h.at(ofSeconds(30));
    // then
    assertThat(beforeVerdict).isZero();
    assertThat(h.changes(IncidentType.OUT_OF_ORDER)).singleElement()
        .satisfies(c -> assertThat(c.incident().openedAt()).isEqualTo(T0.plusSeconds(30)));
  }

  @Test
  void shouldMeasureTheWindowAfterAHeldEndFromTheEndEventsOwnArrival() {
    // given: goods-shipped arrives at T0 while goods-fetched is missing; goods-fetched arrives 10 s later
    h.event("order-placed", ofSeconds(0));
    h.event("payment-received", ofSeconds(1));
    h.event("goods-shipped", ofSeconds(30));
    h.clock.advance(ofSeconds(10));
    h.event("goods-fetched", ofSeconds(20));
    // when: a status update 35 s after goods-shipped arrived (25 s after the instance completed)
    h.clock.advance(ofSeconds(25));
    h.event("status-updated", ofSeconds(25));
    // then
    assertThat(h.state.endArrivedAt()).isEqualTo(T0.toEpochMilli());
    assertThat(h.changes(IncidentType.UNEXPECTED)).singleElement()
        .satisfies(c -> assertThat(c.incident().openedAt()).isEqualTo(T0.plusSeconds(35)));
  }
}
