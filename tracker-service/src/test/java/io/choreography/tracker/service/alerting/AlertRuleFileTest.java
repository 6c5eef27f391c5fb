package io.choreography.tracker.service.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@SuppressWarnings("unchecked")
class AlertRuleFileTest {

  @Test
  void shouldDefineEveryRuleWithNameExpressionSeverityAndSummary() throws Exception {
    // when
    List<Map<String, Object>> rules = AlertRuleFile.rules();

    // then
    assertThat(rules).isNotEmpty();
    for (Map<String, Object> rule : rules) {
      assertThat(rule.get("alert")).as("alert name of %s", rule).isInstanceOf(String.class);
      assertThat(rule.get("expr")).as("expr of %s", rule.get("alert")).isInstanceOf(String.class);
      assertThat((Map<String, Object>) rule.get("labels")).as("labels of %s", rule.get("alert")).containsKey("severity");
      assertThat((Map<String, Object>) rule.get("annotations")).as("annotations of %s", rule.get("alert"))
          .containsKey("summary");
      if (rule.containsKey("for")) {
        assertThat(String.valueOf(rule.get("for"))).matches("\\d+[smhd]");
      }
    }
  }

  @Test
  void shouldCoverIncidentsStuckInstancesFailuresLagAndPipelineHealth() throws Exception {
    // when / then
    assertThat(AlertRuleFile.metrics()).contains("tracker_incidents_open", "tracker_instances_stuck",
        "tracker_events_failed_total", "tracker_indexer_lag_records", "tracker_pipeline_up");
  }

  @Test
  void shouldFireWhenTheTrackerItselfIsGoneOrNotScraped() throws Exception {
    // when
    List<Object> expressions = AlertRuleFile.rules().stream().map(r -> r.get("expr")).toList();

    // then: rules that need no tracker series to fire (evaluated by promtool in AlertRulesPromtoolTest)
    assertThat(expressions).contains("up{job=\"choreography-tracker\"} == 0",
        "absent(up{job=\"choreography-tracker\"})", "absent(tracker_pipeline_up)");
  }
}
