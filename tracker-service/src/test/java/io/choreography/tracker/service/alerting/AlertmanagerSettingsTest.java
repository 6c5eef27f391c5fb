package io.choreography.tracker.service.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlertmanagerSettingsTest {

  @Test
  void shouldBeOffWithoutAUrl() {
    assertThat(settings(null, Map.of(), Map.of()).enabled()).isFalse();
    assertThat(settings("", Map.of(), Map.of()).enabled()).as("an empty value is unset").isFalse();
    assertThat(settings("http://alertmanager:9093", Map.of(), Map.of()).enabled()).isTrue();
  }

  @Test
  void shouldRefuseAUrlThatIsNoHttpUrl() {
    assertThatThrownBy(() -> settings("alertmanager:9093", Map.of(), Map.of()).check())
        .hasMessage("tracker.alerts.alertmanager.url must be an http(s) URL");
  }

  @Test
  void shouldRefuseASeverityOfAnUnknownIncidentType() {
    assertThatThrownBy(() -> settings("http://am:9093", Map.of("LATE", "critical"), Map.of()).check())
        .hasMessageStartingWith("tracker.alerts.alertmanager.severities: 'LATE' is no incident type");
  }

  @Test
  void shouldRefuseExtraLabelsThatAreNoLabelNamesOrThatTheTrackerSets() {
    assertThatThrownBy(() -> settings("http://am:9093", Map.of(), Map.of("team-name", "x")).check())
        .hasMessageContaining("'team-name' is no Alertmanager label name");
    assertThatThrownBy(() -> settings("http://am:9093", Map.of(), Map.of("severity", "x")).check())
        .hasMessageContaining("'severity' is set by the tracker itself");
  }

  @Test
  void shouldNotShowTheUrlOrHeadersWhenPrinted() {
    assertThat(new AlertingProperties.Alertmanager(URI.create("https://user:secret@am.example.com/x"), null, "g",
        Duration.ofMinutes(1), Map.of(), Map.of(), Map.of("Authorization", "Bearer secret")).toString())
        .doesNotContain("secret").contains("am.example.com");
  }

  private static AlertingProperties.Alertmanager settings(String url, Map<String, String> severities,
      Map<String, String> labels) {
    return new AlertingProperties.Alertmanager(url == null ? null : URI.create(url), null, "tracker-alertmanager",
        Duration.ofMinutes(1), severities, labels, Map.of());
  }
}
