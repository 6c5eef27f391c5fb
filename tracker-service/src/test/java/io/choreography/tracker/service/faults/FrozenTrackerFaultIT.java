package io.choreography.tracker.service.faults;

import io.choreography.tracker.service.it.SharedInfrastructure;
import io.choreography.tracker.service.tracking.TrackerProcess;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The tracker frozen (SIGSTOP) for 60 s under a steady load, then resumed (SIGCONT): it wakes up with the wall
 * clock a minute ahead of what it has read. No correct application may be taken for stuck or out of order; the
 * truly stuck ones are found within 2 s of the tracker having read past their due time.
 */
class FrozenTrackerFaultIT {

  @Test
  void shouldRaiseNoFalseVerdictAfterAFreezeAndFindTheStuckOnesOnceCaughtUp() throws Exception {
    var infrastructure = SharedInfrastructure.get();
    try (LagScenario scenario = new LagScenario("frozen", infrastructure.kafkaBootstrapServers(),
        infrastructure.elasticsearchUri())) {
      // given
      TrackerProcess tracker = scenario.startTracker("tracker");
      scenario.awaitTrackersUp();
      scenario.startLoad(10);
      Thread.sleep(20_000);

      // when
      scenario.signal(tracker, "STOP");
      Thread.sleep(60_000);
      scenario.signal(tracker, "CONT");
      Thread.sleep(20_000);
      scenario.stopLoad();
      Thread.sleep(10_000);

      // then
      scenario.check(Duration.ofSeconds(2));
    }
  }
}
