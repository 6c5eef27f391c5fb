package io.choreography.tracker.service.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.choreography.tracker.service.demo.DemoEmitters;
import io.choreography.tracker.service.it.SharedInfrastructure;
import org.junit.jupiter.api.Test;

/**
 * 1,000 poison records (invalid JSON, invalid UTF-8, null keys and values, garbage headers, deeply nested JSON,
 * 5 MB payloads) mixed into the valid traffic: each one indexed as what it is (or dead-lettered) and counted, and
 * the valid events tracked as if the poison were not there.
 */
class PoisonRecordsFaultIT {

  static final int POISON = Integer.getInteger("faults.poison", 1_000);

  @Test
  void shouldIndexAndCountEveryPoisonRecordAndTrackTheValidEventsUnharmed() throws Exception {
    // given
    var infrastructure = SharedInfrastructure.get();
    FaultScenario scenario = new FaultScenario("poison", infrastructure.kafkaBootstrapServers(),
        infrastructure.elasticsearchUri());

    // when: the poison itself is the fault, spread through both halves of the load
    FaultScenario.Outcome outcome = scenario.run(new FaultScenario.Fault() {
      @Override
      public void begin(FaultScenario s) {}

      @Override
      public void end(FaultScenario s) {}
    }, PoisonCorpus.of(POISON, DemoEmitters.TOPICS.stream().map(scenario.scope::topic).toList()));

    // then (the scenario checks everything; this is its summary)
    assertThat(outcome.poisonRecords()).isGreaterThanOrEqualTo(1_000);
  }
}
