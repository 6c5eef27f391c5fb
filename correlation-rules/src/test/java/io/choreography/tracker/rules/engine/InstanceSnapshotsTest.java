package io.choreography.tracker.rules.engine;

import static io.choreography.tracker.rules.engine.TrackerHarness.T0;
import static java.time.Duration.ofMinutes;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;

import io.choreography.tracker.model.InstanceSnapshot;
import io.choreography.tracker.model.InstanceStatus;
import org.junit.jupiter.api.Test;

class InstanceSnapshotsTest {

  @Test
  void shouldShowReachedStepsWithEventIdsAndExpectedStepsWithDueTimes() {
    // given
    TrackerHarness h = new TrackerHarness(Definitions.orderFulfillment());
    h.event("order-placed", "o1", ofSeconds(0));
    h.event("payment-received", "p1", ofSeconds(30));
    // when
    InstanceSnapshot snapshot = InstanceSnapshots.of(h.state);
    // then
    assertThat(snapshot.process()).isEqualTo("order-fulfillment");
    assertThat(snapshot.traceId()).isEqualTo("trace-1");
    assertThat(snapshot.status()).isEqualTo(InstanceStatus.RUNNING);
    assertThat(snapshot.startedAt()).isEqualTo(T0);
    assertThat(snapshot.endedAt()).isNull();
    assertThat(snapshot.steps()).containsOnlyKeys("order-placed", "payment-received");
    assertThat(snapshot.steps().get("payment-received"))
        .isEqualTo(new InstanceSnapshot.ReachedStep(T0.plusSeconds(30), "p1"));
    assertThat(snapshot.waitingFor()).containsExactly(
        new InstanceSnapshot.WaitingStep("goods-fetched", T0.plusSeconds(30), T0.plusSeconds(30).plus(ofMinutes(60))),
        new InstanceSnapshot.WaitingStep("status-updated", T0, null));
  }
}
