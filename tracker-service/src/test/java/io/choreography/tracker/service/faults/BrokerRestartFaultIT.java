package io.choreography.tracker.service.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.choreography.tracker.service.it.SharedInfrastructure;
import io.choreography.tracker.service.local.LocalKafkaBroker;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The broker restarted mid-load: a broker of this test's own (the shared one serves the other tests), stopped
 * while the tracker works through the first half of the load, kept down for 10 s, started again on the same data;
 * the second half is produced once it is back (a producer whose metadata went stale blocks while no broker
 * answers, as the load's own would).
 */
class BrokerRestartFaultIT {

  static final long DOWN_MILLIS = 10_000;

  @Test
  void shouldLoseAndDuplicateNothingWhenTheBrokerRestarts() throws Exception {
    // given
    var infrastructure = SharedInfrastructure.get();
    Path dir = Files.createTempDirectory("faults-broker");
    int port = freePortPair();
    try (LocalKafkaBroker broker = new LocalKafkaBroker(dir, "127.0.0.1", port, port + 1)) {
      broker.start();
      FaultScenario scenario = new FaultScenario("broker", broker.bootstrapServers(),
          infrastructure.elasticsearchUri());

      // when
      FaultScenario.Outcome outcome = scenario.run(new FaultScenario.Fault() {
        @Override
        public void begin(FaultScenario s) throws Exception {
          broker.close();
          System.out.println("broker stopped");
          Thread.sleep(DOWN_MILLIS);
          broker.start();
          System.out.println("broker started again on the same data");
        }

        @Override
        public void end(FaultScenario s) {}
      }, List.of());

      // then (the scenario checks everything; this is its summary)
      assertThat(outcome.validEvents()).isEqualTo(FaultScenario.EVENTS);
    }
  }

  /** A free port whose successor is free too (the broker's controller listens on port + 1). */
  private static int freePortPair() throws IOException {
    for (int attempt = 0; attempt < 50; attempt++) {
      int p;
      try (ServerSocket s = new ServerSocket(0)) {
        p = s.getLocalPort();
      }
      try (ServerSocket next = new ServerSocket(p + 1)) {
        return p;
      } catch (IOException taken) {
        // try another
      }
    }
    throw new IOException("no two consecutive free ports found");
  }
}
