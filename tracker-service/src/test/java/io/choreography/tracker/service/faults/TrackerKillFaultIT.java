package io.choreography.tracker.service.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.choreography.tracker.service.it.SharedInfrastructure;
import java.util.List;
import org.junit.jupiter.api.Test;

/** kill -9 of the tracker mid-load, then a restart on the same state directory and groups. */
class TrackerKillFaultIT {

  @Test
  void shouldLoseAndDuplicateNothingWhenTheTrackerIsKilledAndRestarted() throws Exception {
    // given
    var infrastructure = SharedInfrastructure.get();
    FaultScenario scenario = new FaultScenario("kill", infrastructure.kafkaBootstrapServers(),
        infrastructure.elasticsearchUri());

    // when
    FaultScenario.Outcome outcome = scenario.run(new FaultScenario.Fault() {
      @Override
      public void begin(FaultScenario s) throws Exception {
        s.killTracker();
      }

      @Override
      public void end(FaultScenario s) throws Exception {
        s.startTracker();
      }
    }, List.of());

    // then (the scenario checks everything; this is its summary)
    assertThat(outcome.validEvents()).isEqualTo(FaultScenario.EVENTS);
  }
}
