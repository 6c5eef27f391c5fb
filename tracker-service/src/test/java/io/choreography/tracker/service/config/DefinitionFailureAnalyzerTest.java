package io.choreography.tracker.service.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** A bad definition directory stops start-up with a message naming file, line and problem. */
class DefinitionFailureAnalyzerTest {

  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties(TrackerProperties.class)
  static class Properties {}

  @TempDir
  Path dir;

  private FailureAnalysis startWithDefinitionsIn(Path definitions) {
    ApplicationContextRunner runner = new ApplicationContextRunner()
        .withUserConfiguration(Properties.class, DefinitionsConfiguration.class)
        .withPropertyValues("tracker.definitions=" + definitions);
    FailureAnalysis[] analysis = new FailureAnalysis[1];
    runner.run(context -> {
      assertThat(context).hasFailed();
      analysis[0] = new DefinitionFailureAnalyzer().analyze(context.getStartupFailure());
    });
    return analysis[0];
  }

  @Test
  void shouldNameFileLineAndProblemOfAnInvalidDefinition() throws IOException {
    // given
    Files.writeString(dir.resolve("orders.yaml"), "id: Orders\nsteps: []\n");

    // when
    FailureAnalysis analysis = startWithDefinitionsIn(dir);

    // then
    assertThat(analysis).isNotNull();
    assertThat(analysis.getDescription()).contains(dir.resolve("orders.yaml") + ":1: invalid process id 'Orders'");
  }

  @Test
  void shouldNameFileAndLineOfADefinitionNestedTooDeep() throws IOException {
    // given steps nested 100,000 lists deep
    Files.writeString(dir.resolve("deep.yaml"), "id: deep\nsteps: " + "[".repeat(100_000) + "]".repeat(100_000));

    // when
    FailureAnalysis analysis = startWithDefinitionsIn(dir);

    // then
    assertThat(analysis).isNotNull();
    assertThat(analysis.getDescription()).containsPattern(
        java.util.regex.Pattern.quote(dir.resolve("deep.yaml") + ":2: nesting deeper than ") + "\\d+ levels");
  }
}
