package io.choreography.tracker.service.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

class TracingConfigurationTest {

  @Test
  void shouldHandTheSdkTheOtelPropertiesOfTheConfigurationTheFirstSourceWinning() {
    // given
    StandardEnvironment environment = new StandardEnvironment();
    environment.getPropertySources().addFirst(new MapPropertySource("command line", Map.of(
        "otel.service.name", "from-command-line", "server.port", "8080")));
    environment.getPropertySources().addLast(new MapPropertySource("application.yml", Map.of(
        "otel.service.name", "from-file", "otel.bsp.schedule.delay", "200")));

    // when
    Map<String, String> otel = TracingConfiguration.otelProperties(environment);

    // then
    assertThat(otel).containsEntry("otel.service.name", "from-command-line")
        .containsEntry("otel.bsp.schedule.delay", "200").doesNotContainKey("server.port");
  }

  @Test
  void shouldTurnExportOnForTheStandardEnvironmentVariable() {
    // given
    StandardEnvironment environment = new StandardEnvironment();
    environment.getPropertySources().addFirst(new SystemEnvironmentPropertySource("env", Map.of(
        "OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318")));

    // when / then: Spring's relaxed binding finds otel.exporter.otlp.endpoint there
    assertThat(TrackerTelemetry.wanted(environment::getProperty)).isTrue();
  }
}
