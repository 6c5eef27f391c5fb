package io.choreography.tracker.service.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/** The example alert rules as Prometheus's own tool reads and evaluates them (dashboards/prometheus). */
@EnabledIf(value = "promtoolInstalled", disabledReason = "needs /usr/bin/promtool (apt-get install prometheus)")
class AlertRulesPromtoolTest {

  static final InstalledTool PROMTOOL = new InstalledTool(Path.of("/usr/bin/promtool"));
  static final Path DIRECTORY = AlertRuleFile.PATH.getParent();

  static boolean promtoolInstalled() {
    return PROMTOOL.installed();
  }

  @Test
  void shouldBeValidRulesForPrometheus() throws Exception {
    // when
    InstalledTool.Result result = PROMTOOL.run(DIRECTORY, "check", "rules", "tracker-alerts.yml");

    // then
    assertThat(result.exitCode()).as("promtool check rules said:%n%s", result.output()).isZero();
    assertThat(result.output()).contains("SUCCESS");
  }

  @Test
  void shouldPassTheirUnitTests() throws Exception {
    // when: a dead or vanished tracker, a broken pipeline and stuck instances each fire their alert
    InstalledTool.Result result = PROMTOOL.run(DIRECTORY, "test", "rules", "tracker-alerts.test.yml");

    // then
    assertThat(result.exitCode()).as("promtool test rules said:%n%s", result.output()).isZero();
    assertThat(result.output()).contains("SUCCESS");
  }
}
