package io.choreography.tracker.service.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TrackerTelemetryTest {

  @Test
  void shouldExportOnlyWhenAnOtlpEndpointIsConfiguredAndTheSdkNotDisabled() {
    assertThat(TrackerTelemetry.wanted(Map.<String, String>of()::get)).isFalse();
    assertThat(TrackerTelemetry.wanted(Map.of("otel.exporter.otlp.endpoint", " ")::get)).isFalse();
    assertThat(TrackerTelemetry.wanted(Map.of("otel.exporter.otlp.endpoint", "http://collector:4318")::get)).isTrue();
    assertThat(TrackerTelemetry.wanted(Map.of("otel.exporter.otlp.traces.endpoint", "http://c:4318/v1/traces")::get))
        .isTrue();
    assertThat(TrackerTelemetry.wanted(Map.of("otel.exporter.otlp.endpoint", "http://collector:4318",
        "otel.sdk.disabled", "true")::get)).isFalse();
  }

  @Test
  void shouldBeTheNoopWhenOff() {
    // when
    TrackerTelemetry telemetry = TrackerTelemetry.of(Map.<String, String>of()::get, Map.of());

    // then
    assertThat(telemetry.enabled()).isFalse();
    assertThat(telemetry.tracer().spanBuilder("x").startSpan().isRecording()).isFalse();
  }

  @Test
  void shouldBuildTheSdkFromTheConfiguredProperties() {
    // when
    try (TrackerTelemetry telemetry = TrackerTelemetry.of(
        Map.of("otel.exporter.otlp.endpoint", "http://127.0.0.1:9")::get,
        Map.of("otel.exporter.otlp.endpoint", "http://127.0.0.1:9", "otel.bsp.export.timeout", "100"))) {

      // then
      assertThat(telemetry.enabled()).isTrue();
      assertThat(telemetry.tracer().spanBuilder("x").startSpan().isRecording()).isTrue();
    }
  }
}
