package io.choreography.tracker.service.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.choreography.tracker.service.demo.DemoEmitters;
import io.choreography.tracker.service.it.SharedInfrastructure;
import org.junit.jupiter.api.Test;

/**
 * The poison corpus ({@code faults/poison-corpus.jsonl}: over 1,000 records no producer should send) mixed into the
 * valid traffic: each record indexed as what it is (or dead-lettered), each asserted individually and counted; the
 * valid events tracked as if the poison were not there; and after a restart a new order is indexed and tracked and
 * health says UP.
 */
class PoisonRecordsFaultIT {

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
    }, PoisonCorpus.of(DemoEmitters.TOPICS.stream().map(scenario.scope::topic).toList()));

    // then (the scenario checks everything; this is its summary)
    assertThat(outcome.poisonRecords()).isGreaterThanOrEqualTo(1_000);
  }
}
