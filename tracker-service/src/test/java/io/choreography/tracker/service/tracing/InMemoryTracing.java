package io.choreography.tracker.service.tracing;

import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.List;

/** An SDK with the tracker's id generator that keeps finished spans in memory. */
final class InMemoryTracing {

  final InMemorySpanExporter exporter = InMemorySpanExporter.create();
  final InstanceTraceIds ids = new InstanceTraceIds();
  final SdkTracerProvider provider = SdkTracerProvider.builder().setIdGenerator(ids)
      .addSpanProcessor(SimpleSpanProcessor.create(exporter)).build();

  Tracer tracer() {
    return provider.get(TrackerTelemetry.INSTRUMENTATION_SCOPE);
  }

  List<SpanData> spans() {
    return exporter.getFinishedSpanItems();
  }
}
