package io.choreography.tracker.service.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class AlertmanagerBodyTest {

  static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

  static AlertingProperties.Alertmanager settings(String uiUrl, Map<String, String> severities,
      Map<String, String> labels) {
    return new AlertingProperties.Alertmanager(URI.create("http://alertmanager:9093"),
        uiUrl == null ? null : URI.create(uiUrl), "tracker-alertmanager", Duration.ofMinutes(1), severities, labels,
        Map.of());
  }

  @Test
  void shouldLabelAnOpenIncidentAsItsOwnAlertThatDoesNotEndByItself() {
    // given
    IncidentAlert open = IncidentAlert.of(TestIncidentEvents.stuck("OPENED", "4bf9", NOW), NOW);

    // when
    JsonNode alert = body(open, settings("https://tracker.example.com/", Map.of(), Map.of("env", "prod")));

    // then
    assertThat(TestIncidentEvents.JSON.convertValue(alert.path("labels"), Map.class)).containsExactlyInAnyOrderEntriesOf(
        Map.of("alertname", "TrackerIncident", "incident", "order-fulfillment/4bf9/STUCK/payment-received",
            "process", "order-fulfillment", "type", "STUCK", "step", "payment-received", "severity", "warning",
            "env", "prod"));
    JsonNode annotations = alert.path("annotations");
    assertThat(annotations.path("summary").asString())
        .isEqualTo("STUCK incident in order-fulfillment at step payment-received");
    assertThat(annotations.path("description").asString()).isEqualTo("waiting 1m for payment-received");
    assertThat(annotations.path("status").asString()).isEqualTo("OPEN");
    assertThat(annotations.path("trace_id").asString()).isEqualTo("4bf9");
    assertThat(annotations.path("trace_url").asString()).isEqualTo("https://tracker.example.com/traces/4bf9");
    assertThat(annotations.path("incidents_url").asString()).isEqualTo("https://tracker.example.com/incidents");
    assertThat(alert.path("generatorURL").asString()).isEqualTo("https://tracker.example.com/traces/4bf9");
    assertThat(alert.path("startsAt").asString()).isEqualTo(NOW.minusSeconds(60).toString());
    assertThat(alert.path("endsAt").asString()).isEqualTo("9999-12-31T23:59:59Z");
  }

  @Test
  void shouldEndAResolvedIncidentsAlertWhenItWasResolved() {
    // given
    Instant resolvedAt = NOW.plusSeconds(30);
    IncidentAlert resolved = IncidentAlert.of(TestIncidentEvents.stuck("RESOLVED", "4bf9", resolvedAt), NOW);

    // when
    JsonNode alert = body(resolved, settings(null, Map.of(), Map.of()));

    // then
    assertThat(alert.path("startsAt").asString()).isEqualTo(resolvedAt.minusSeconds(60).toString());
    assertThat(alert.path("endsAt").asString()).isEqualTo(resolvedAt.toString());
    assertThat(alert.path("annotations").path("status").asString()).isEqualTo("RESOLVED");
    assertThat(alert.has("generatorURL")).as("no UI URL, no link").isFalse();
    assertThat(alert.path("annotations").has("trace_url")).isFalse();
  }

  @Test
  void shouldTakeTheSeverityOfTheIncidentTypeFromTheSettingsOverTheDefaults() {
    // given
    AlertingProperties.Alertmanager settings = settings(null, Map.of("stuck", "page"), Map.of());

    // when / then
    assertThat(AlertmanagerBody.severity("STUCK", settings)).isEqualTo("page");
    assertThat(AlertmanagerBody.severity("DEADLINE", settings)).isEqualTo("critical");
    assertThat(AlertmanagerBody.severity("FAILED", settings)).isEqualTo("warning");
    assertThat(AlertmanagerBody.severity("UNCORRELATED", settings)).isEqualTo("info");
  }

  @Test
  void shouldLinkAnIncidentOfNoTraceToTheInboxAndLeaveOutTheLabelsItHasNoValueFor() {
    // given an UNCORRELATED incident: no trace id
    IncidentAlert uncorrelated = IncidentAlert.of(TestIncidentEvents.event("OPENED", "order-fulfillment/placed/"
        + "UNCORRELATED", "UNCORRELATED", null, "placed", NOW), NOW);
    IncidentAlert failed = IncidentAlert.of(TestIncidentEvents.event("OPENED", "order-fulfillment/a b/FAILED/-",
        "FAILED", "a b/c", null, NOW), NOW);

    // when
    JsonNode noTrace = body(uncorrelated, settings("https://tracker.example.com", Map.of(), Map.of()));
    JsonNode noStep = body(failed, settings("https://tracker.example.com", Map.of(), Map.of()));

    // then
    assertThat(noTrace.path("generatorURL").asString()).isEqualTo("https://tracker.example.com/incidents");
    assertThat(noTrace.path("annotations").has("trace_url")).isFalse();
    assertThat(noTrace.path("labels").path("severity").asString()).isEqualTo("info");
    assertThat(noStep.path("labels").has("step")).isFalse();
    assertThat(noStep.path("annotations").path("summary").asString()).isEqualTo("FAILED incident in order-fulfillment");
    assertThat(noStep.path("generatorURL").asString()).isEqualTo("https://tracker.example.com/traces/a%20b%2Fc");
  }

  @Test
  void shouldNeverEndAnAlertBeforeItStarts() {
    // given a resolution whose resolvedAt is missing and whose event time lies before openedAt
    io.choreography.tracker.model.Incident resolved = TestIncidentEvents.stuck("RESOLVED", "4bf9", NOW).incident();
    IncidentEvent event = IncidentEvent.parse(io.choreography.tracker.model.incidents.IncidentCodec.encode(
        io.choreography.tracker.model.incidents.IncidentChange.of("RESOLVED", new io.choreography.tracker.model.Incident(
            resolved.id(), resolved.type(), resolved.status(), resolved.process(), resolved.traceId(), resolved.step(),
            NOW.plusSeconds(5), null, null, resolved.message(), resolved.count()), NOW)));

    // when
    IncidentAlert alert = IncidentAlert.of(event, NOW);

    // then
    assertThat(alert.endsAt()).isEqualTo(alert.startsAt());
  }

  private static JsonNode body(IncidentAlert alert, AlertingProperties.Alertmanager settings) {
    JsonNode array = TestIncidentEvents.JSON.readTree(AlertmanagerBody.of(java.util.List.of(alert), settings,
        TestIncidentEvents.JSON));
    assertThat(array.isArray()).isTrue();
    assertThat(array.size()).isEqualTo(1);
    return array.get(0);
  }
}
