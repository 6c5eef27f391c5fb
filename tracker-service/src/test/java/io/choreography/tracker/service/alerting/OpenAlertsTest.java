package io.choreography.tracker.service.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpenAlertsTest {

  static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
  private final OpenAlerts open = new OpenAlerts();

  @Test
  void shouldKeepEveryOpenIncidentsLatestAlertUntilItResolves() {
    // given
    IncidentAlert opened = alert("OPENED", "a");
    IncidentAlert acknowledged = alert("ACKNOWLEDGED", "a");

    // when
    IncidentAlert first = open.apply(opened, false);
    open.apply(alert("OPENED", "b"), false);
    IncidentAlert second = open.apply(acknowledged, false);

    // then
    assertThat(first).isEqualTo(opened);
    assertThat(second).isEqualTo(acknowledged);
    assertThat(open.all()).extracting(IncidentAlert::status).containsExactlyInAnyOrder("ACKNOWLEDGED", "OPEN");

    // when
    IncidentAlert resolved = open.apply(alert("RESOLVED", "a"), false);

    // then
    assertThat(resolved.resolved()).isTrue();
    assertThat(open.all()).extracting(IncidentAlert::traceId).containsExactly("b");
  }

  @Test
  void shouldKeepButNotSendStaleChangesOfOpenIncidents() {
    // when
    IncidentAlert now = open.apply(alert("OPENED", "a"), true);

    // then: left to the re-sends
    assertThat(now).isNull();
    assertThat(open.size()).isEqualTo(1);
  }

  @Test
  void shouldSendAStaleResolutionOnlyOfAnIncidentThatMayShowAsOpen() {
    // given: "a" was sent (e.g. by a re-send), "b" never was
    open.apply(alert("OPENED", "a"), true);
    open.apply(alert("OPENED", "b"), true);
    open.sending(List.of(alert("OPENED", "a")));

    // when
    IncidentAlert a = open.apply(alert("RESOLVED", "a"), true);
    IncidentAlert b = open.apply(alert("RESOLVED", "b"), true);
    IncidentAlert unknown = open.apply(alert("RESOLVED", "c"), true);
    IncidentAlert fresh = open.apply(alert("RESOLVED", "d"), false);

    // then
    assertThat(a).isNotNull();
    assertThat(b).isNull();
    assertThat(unknown).isNull();
    assertThat(fresh).as("a fresh resolution is sent: another process may have sent the incident").isNotNull();
    assertThat(open.size()).isZero();
  }

  @Test
  void shouldRememberThatAnIncidentWasSentAcrossItsLaterChanges() {
    // given
    open.apply(alert("OPENED", "a"), false);
    open.sending(List.of(alert("OPENED", "a")));
    open.apply(alert("UPDATED", "a"), true);

    // when
    IncidentAlert resolved = open.apply(alert("RESOLVED", "a"), true);

    // then
    assertThat(resolved).isNotNull();
  }

  @Test
  void shouldForgetEverythingWhenCleared() {
    // given
    open.apply(alert("OPENED", "a"), false);

    // when
    open.clear();

    // then
    assertThat(open.all()).isEmpty();
  }

  private static IncidentAlert alert(String kind, String traceId) {
    return IncidentAlert.of(TestIncidentEvents.stuck(kind, traceId, NOW), NOW);
  }
}
