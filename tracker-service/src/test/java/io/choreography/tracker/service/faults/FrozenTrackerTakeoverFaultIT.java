package io.choreography.tracker.service.faults;

import io.choreography.tracker.service.it.SharedInfrastructure;
import io.choreography.tracker.service.tracking.TrackerProcess;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Two trackers share the load; one is frozen (SIGSTOP) and stays frozen, so the other takes over its partitions once
 * the groups notice (6 s), from the positions and state the frozen one committed. No correct application may be
 * taken for stuck or out of order; the truly stuck ones are found within 2 s of the survivor having read past their
 * due time.
 */
class FrozenTrackerTakeoverFaultIT {

  @Test
  void shouldRaiseNoFalseVerdictWhenATrackerTakesOverFromAFrozenOne() throws Exception {
    var infrastructure = SharedInfrastructure.get();
    try (LagScenario scenario = new LagScenario("takeover", infrastructure.kafkaBootstrapServers(),
        infrastructure.elasticsearchUri())) {
      // given
      TrackerProcess frozen = scenario.startTracker("tracker-a");
      scenario.startTracker("tracker-b");
      scenario.awaitTrackersUp();
      scenario.startLoad(10);
      Thread.sleep(25_000);

      // when
      scenario.signal(frozen, "STOP");
      Thread.sleep(45_000);
      scenario.stopLoad();
      Thread.sleep(10_000);

      // then
      scenario.check(Duration.ofSeconds(2));
      frozen.kill();
    }
  }
}
