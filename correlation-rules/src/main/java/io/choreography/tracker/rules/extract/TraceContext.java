package io.choreography.tracker.rules.extract;

import io.choreography.tracker.model.RawRecord;
import io.choreography.tracker.model.RecordHeader;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import java.nio.charset.StandardCharsets;
import java.util.function.UnaryOperator;

/**
 * The W3C trace context of a record (https://www.w3.org/TR/trace-context/), read with OpenTelemetry's
 * {@link W3CTraceContextPropagator} through a {@link HeaderGetter}: the {@code traceparent} and {@code tracestate}
 * headers, else the CloudEvents distributed tracing extension's {@code ce_traceparent} and {@code ce_tracestate}.
 * A value that is not a valid traceparent (a malformed one, an all-zero trace-id or parent-id, uppercase hex, version
 * {@code ff}, version {@code 00} with trailing fields) counts as absent, and the next header is tried.
 */
public final class TraceContext {

  /** The W3C header. */
  public static final String TRACEPARENT = "traceparent";
  /** The CloudEvents distributed tracing extension's attribute as a binary-mode Kafka header. */
  public static final String CE_TRACEPARENT = HeaderGetter.CLOUD_EVENTS.prefix() + TRACEPARENT;

  private static final W3CTraceContextPropagator PROPAGATOR = W3CTraceContextPropagator.getInstance();

  private TraceContext() {}

  /** The record's creation context from its Kafka headers, in that precedence; invalid when it has none. */
  public static SpanContext of(RawRecord record) {
    return of(name -> text(record.lastHeader(name)));
  }

  /**
   * The creation context from a lookup of header values by name: {@code traceparent} (with {@code tracestate}),
   * else {@code ce_traceparent} (with {@code ce_tracestate}); invalid when neither is valid.
   */
  public static SpanContext of(UnaryOperator<String> headers) {
    SpanContext context = extract(headers, HeaderGetter.W3C);
    return context.isValid() ? context : extract(headers, HeaderGetter.CLOUD_EVENTS);
  }

  /** The 32 lowercase hex digits of the trace-id, or null when the value is not a valid traceparent. */
  static String traceId(String value) {
    if (value == null) {
      return null;
    }
    SpanContext context = extract(name -> TRACEPARENT.equals(name) ? value : null, HeaderGetter.W3C);
    return context.isValid() ? context.getTraceId() : null;
  }

  static SpanContext extract(UnaryOperator<String> headers, HeaderGetter getter) {
    Context context = PROPAGATOR.extract(Context.root(), headers, getter);
    return Span.fromContext(context).getSpanContext();
  }

  private static String text(RecordHeader header) {
    if (header == null || header.value() == null || header.value().length == 0) {
      return null;
    }
    return new String(header.value(), StandardCharsets.UTF_8);
  }
}
