package io.choreography.tracker.service.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/** The example Alertmanager configuration (dashboards/alertmanager) as Alertmanager's own tool reads and routes it. */
@EnabledIf(value = "amtoolInstalled", disabledReason = "needs /usr/bin/amtool (apt-get install prometheus-alertmanager)")
class AlertmanagerConfigFileTest {

  static final InstalledTool AMTOOL = new InstalledTool(Path.of("/usr/bin/amtool"));
  static final Path DIRECTORY = Path.of("..", "dashboards", "alertmanager");

  static boolean amtoolInstalled() {
    return AMTOOL.installed();
  }

  @Test
  void shouldBeAValidConfiguration() throws Exception {
    // when
    InstalledTool.Result result = AMTOOL.run(DIRECTORY, "check-config", "alertmanager.yml");

    // then
    assertThat(result.exitCode()).as("amtool check-config said:%n%s", result.output()).isZero();
    assertThat(result.output()).contains("SUCCESS");
  }

  @Test
  void shouldRouteTheTrackersAlertsBySeverityAndProcess() throws Exception {
    assertThat(receiverOf("alertname=TrackerIncident", "severity=critical", "type=DEADLINE",
        "process=order-fulfillment")).isEqualTo("pager");
    assertThat(receiverOf("alertname=TrackerDown", "severity=critical")).isEqualTo("pager");
    assertThat(receiverOf("alertname=TrackerIncident", "severity=warning", "type=STUCK", "process=order-fulfillment",
        "step=payment-received")).isEqualTo("payments-team");
    assertThat(receiverOf("alertname=TrackerIncident", "severity=warning", "type=STUCK", "process=order-fulfillment",
        "step=goods-fetched")).isEqualTo("on-call-chat");
    assertThat(receiverOf("alertname=TrackerIncident", "severity=info", "type=UNCORRELATED")).isEqualTo("tickets");
  }

  private static String receiverOf(String... labels) throws Exception {
    List<String> arguments = new ArrayList<>(List.of("config", "routes", "test", "--config.file=alertmanager.yml"));
    arguments.addAll(List.of(labels));
    InstalledTool.Result result = AMTOOL.run(DIRECTORY, arguments.toArray(String[]::new));
    assertThat(result.exitCode()).as("amtool config routes test said:%n%s", result.output()).isZero();
    // amtool also warns that --config.file overrides --alertmanager.url
    return result.output().lines().filter(l -> !l.isBlank() && !l.startsWith("Warning:")).map(String::strip)
        .collect(Collectors.joining(","));
  }
}
