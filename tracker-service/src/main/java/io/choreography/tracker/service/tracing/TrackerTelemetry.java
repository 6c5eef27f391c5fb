package io.choreography.tracker.service.tracing;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * The tracker's OpenTelemetry: the SDK autoconfigured from the standard {@code OTEL_*} environment variables and
 * {@code otel.*} properties (system properties win over the environment, which wins over the tracker's configuration
 * files, which win over the defaults here), exporting spans over OTLP http/protobuf through a batch span processor
 * (a bounded queue that drops when full, never blocking the pipeline); or {@link OpenTelemetry#noop()} when no OTLP
 * endpoint is configured, or {@code otel.sdk.disabled=true}. Never registered as the global instance.
 */
public final class TrackerTelemetry implements AutoCloseable {

  static final String INSTRUMENTATION_SCOPE = "io.choreography.tracker";
  static final String ENDPOINT = "otel.exporter.otlp.endpoint";
  static final String TRACES_ENDPOINT = "otel.exporter.otlp.traces.endpoint";
  static final String SDK_DISABLED = "otel.sdk.disabled";

  private static final TrackerTelemetry OFF = new TrackerTelemetry(OpenTelemetry.noop(), null, new InstanceTraceIds());

  private final OpenTelemetry openTelemetry;
  private final OpenTelemetrySdk sdk;
  private final InstanceTraceIds ids;
  private final Tracer tracer;

  private TrackerTelemetry(OpenTelemetry openTelemetry, OpenTelemetrySdk sdk, InstanceTraceIds ids) {
    this.openTelemetry = openTelemetry;
    this.sdk = sdk;
    this.ids = ids;
    this.tracer = openTelemetry.getTracer(INSTRUMENTATION_SCOPE);
  }

  /** No spans at all. */
  public static TrackerTelemetry off() {
    return OFF;
  }

  /** Whether these settings ({@code otel.*} names) turn export on: an OTLP endpoint, and the SDK not disabled. */
  static boolean wanted(UnaryOperator<String> settings) {
    boolean endpoint = present(settings.apply(ENDPOINT)) || present(settings.apply(TRACES_ENDPOINT));
    return endpoint && !"true".equalsIgnoreCase(strip(settings.apply(SDK_DISABLED)));
  }

  /**
   * The SDK when {@code settings} (every {@code otel.*} setting the tracker sees, environment included) want it,
   * else {@link #off()}; {@code configured} are the {@code otel.*} properties of the tracker's configuration.
   */
  public static TrackerTelemetry of(UnaryOperator<String> settings, Map<String, String> configured) {
    if (!wanted(settings)) {
      return OFF;
    }
    InstanceTraceIds ids = new InstanceTraceIds();
    OpenTelemetrySdk sdk = AutoConfiguredOpenTelemetrySdk.builder()
        .addPropertiesSupplier(TrackerTelemetry::defaults)
        .addPropertiesSupplier(() -> configured)
        .addTracerProviderCustomizer((builder, config) -> builder.setIdGenerator(ids))
        .disableShutdownHook()
        .build()
        .getOpenTelemetrySdk();
    return new TrackerTelemetry(sdk, sdk, ids);
  }

  /** What the tracker sets unless told otherwise: spans only, over OTLP http/protobuf, as choreography-tracker. */
  static Map<String, String> defaults() {
    Map<String, String> d = new LinkedHashMap<>();
    d.put("otel.service.name", "choreography-tracker");
    d.put("otel.traces.exporter", "otlp");
    d.put("otel.metrics.exporter", "none");
    d.put("otel.logs.exporter", "none");
    d.put("otel.exporter.otlp.protocol", "http/protobuf");
    return d;
  }

  public boolean enabled() {
    return sdk != null;
  }

  public Tracer tracer() {
    return tracer;
  }

  InstanceTraceIds ids() {
    return ids;
  }

  public OpenTelemetry openTelemetry() {
    return openTelemetry;
  }

  /** Exports what is queued (for at most 10 s) and stops the SDK. */
  @Override
  public void close() {
    if (sdk != null) {
      sdk.shutdown().join(10, TimeUnit.SECONDS);
    }
  }

  private static boolean present(String value) {
    return value != null && !value.isBlank();
  }

  private static String strip(String value) {
    return value == null ? null : value.strip();
  }
}
