package io.choreography.tracker.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** What the jar does with its arguments: start the service, or run a command without starting anything. */
class TrackerApplicationTest {

  @Test
  void shouldStartTheServiceWithoutArgumentsOrWithOptionsOnly() {
    assertThat(TrackerApplication.startsService(new String[0])).isTrue();
    assertThat(TrackerApplication.startsService(new String[] {"--server.port=8081", "--tracker.local=true"}))
        .isTrue();
  }

  @Test
  void shouldRunCommandsInsteadOfTheService() {
    assertThat(TrackerApplication.startsService(new String[] {"validate", "defs"})).isFalse();
    assertThat(TrackerApplication.startsService(new String[] {"--help"})).isFalse();
  }

  @Test
  void shouldNotStartTheServiceForAMisspeltCommand() {
    // a first argument that is not an option is meant as a command: the command line reports it as unknown
    assertThat(TrackerApplication.startsService(new String[] {"valdiate", "defs"})).isFalse();
  }

  @Test
  void shouldOfferTheServicesOwnCommandsBesideTheOfflineOnes() {
    // given
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    // when
    int exit = TrackerApplication.commands().run(new String[] {"help"}, new PrintStream(out, true,
        StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream()));

    // then
    assertThat(exit).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("validate <dir>").contains("replay ")
        .contains("export-ocel ");
    assertThat(TrackerApplication.startsService(new String[] {"export-ocel", "--process", "p"})).isFalse();
  }
}
