package io.choreography.tracker.service.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.choreography.tracker.service.it.SharedInfrastructure;
import io.choreography.tracker.service.it.SwitchableProxy;
import java.net.ServerSocket;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Elasticsearch unreachable for 6 minutes mid-load (a proxy in front of the shared node refuses and cuts
 * connections; the node itself keeps running for the other tests), then back. Longer than the consumers'
 * {@code max.poll.interval.ms} (5 minutes): the indexer and the state writer pause their partitions and keep polling,
 * so none of them leaves its group, and nothing is lost or written twice.
 */
class ElasticsearchOutageFaultIT {

  static final long OUTAGE_MILLIS = 6 * 60_000;

  @Test
  void shouldLoseAndDuplicateNothingAndKeepEveryConsumerInItsGroupWhenElasticsearchIsUnreachableForSixMinutes() throws Exception {
    // given
    var infrastructure = SharedInfrastructure.get();
    URI node = URI.create(infrastructure.elasticsearchUri());
    try (SwitchableProxy proxy = new SwitchableProxy(freePort(), node.getHost(), node.getPort())) {
      proxy.up();
      FaultScenario scenario = new FaultScenario("es-outage", infrastructure.kafkaBootstrapServers(), proxy.uri());

      // when
      FaultScenario.Outcome outcome = scenario.run(new FaultScenario.Fault() {
        private long downAt;

        @Override
        public void begin(FaultScenario s) {
          proxy.down();
          downAt = System.currentTimeMillis();
        }

        @Override
        public void end(FaultScenario s) throws Exception {
          Thread.sleep(Math.max(0, downAt + OUTAGE_MILLIS - System.currentTimeMillis()));
          proxy.up();
        }
      }, List.of());

      // then (the scenario checks everything; this is its summary)
      assertThat(outcome.validEvents()).isEqualTo(FaultScenario.EVENTS);
      // the Kafka client logs this when a consumer did not poll within max.poll.interval.ms and left its group
      assertThat(scenario.trackerLogs()).as("tracker log").doesNotContain("poll timeout has expired")
          .doesNotContain("max.poll.interval.ms");
    }
  }

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
