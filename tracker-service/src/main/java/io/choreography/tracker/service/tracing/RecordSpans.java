package io.choreography.tracker.service.tracing;

import io.choreography.tracker.model.RawRecord;
import io.choreography.tracker.rules.extract.TraceContext;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import java.nio.charset.StandardCharsets;

/**
 * The span of the tracker's processing of one business record, after the OpenTelemetry messaging semantic conventions
 * for a Kafka {@code process} operation: a CONSUMER span named {@code process <topic>}, with no parent and a link to
 * the record's creation context (its {@code traceparent}, else {@code ce_traceparent}, see {@link TraceContext}), so
 * that a tracing UI shows when and how long the tracker handled each record of a trace. When tracing is off it costs
 * nothing: the invalid span, not even the headers read.
 */
public final class RecordSpans {

  static final AttributeKey<String> SYSTEM = AttributeKey.stringKey("messaging.system");
  static final AttributeKey<String> DESTINATION = AttributeKey.stringKey("messaging.destination.name");
  static final AttributeKey<String> PARTITION = AttributeKey.stringKey("messaging.destination.partition.id");
  static final AttributeKey<String> OPERATION_NAME = AttributeKey.stringKey("messaging.operation.name");
  static final AttributeKey<String> OPERATION_TYPE = AttributeKey.stringKey("messaging.operation.type");
  static final AttributeKey<Long> OFFSET = AttributeKey.longKey("messaging.kafka.offset");
  static final AttributeKey<String> KEY = AttributeKey.stringKey("messaging.kafka.message.key");
  static final AttributeKey<String> GROUP = AttributeKey.stringKey("messaging.consumer.group.name");
  static final AttributeKey<Long> BODY_SIZE = AttributeKey.longKey("messaging.message.body.size");
  static final AttributeKey<Long> INTAKE_RECORDS = AttributeKey.longKey("tracker.intake.records");
  private static final String PROCESS = "process";

  private final Tracer tracer;
  private final boolean enabled;
  private final String group;

  /** @param group the consumer group that reads the business topics */
  public RecordSpans(TrackerTelemetry telemetry, String group) {
    this(telemetry.tracer(), telemetry.enabled(), group);
  }

  RecordSpans(Tracer tracer, boolean enabled, String group) {
    this.tracer = tracer;
    this.enabled = enabled;
    this.group = group;
  }

  /** Spans that are never recorded. */
  public static RecordSpans off() {
    return new RecordSpans(TrackerTelemetry.off(), "");
  }

  /** Starts the span of processing that record; end it with {@link #forwarded} or {@link #failed}. */
  public Span start(RawRecord record) {
    if (!enabled) {
      return Span.getInvalid();
    }
    SpanBuilder span = tracer.spanBuilder(PROCESS + " " + record.topic())
        .setSpanKind(SpanKind.CONSUMER)
        .setNoParent()
        .setAttribute(SYSTEM, "kafka")
        .setAttribute(DESTINATION, record.topic())
        .setAttribute(PARTITION, Integer.toString(record.partition()))
        .setAttribute(OPERATION_NAME, PROCESS)
        .setAttribute(OPERATION_TYPE, PROCESS)
        .setAttribute(OFFSET, record.offset())
        .setAttribute(GROUP, group);
    if (record.key() != null) {
      span.setAttribute(KEY, new String(record.key(), StandardCharsets.UTF_8));
    }
    if (record.value() != null) {
      span.setAttribute(BODY_SIZE, (long) record.value().length);
    }
    SpanContext creation = TraceContext.of(record);
    if (creation.isValid()) {
      span.addLink(creation);
    }
    return span.startSpan();
  }

  /** The record went to the intake topic as that many records (0: nothing to track or index). */
  public void forwarded(Span span, int intakeRecords) {
    if (span.isRecording()) {
      span.setAttribute(INTAKE_RECORDS, intakeRecords);
    }
    span.end();
  }

  /** The record could not be forwarded and went to the dead-letter topic. */
  public void failed(Span span, RuntimeException e) {
    if (span.isRecording()) {
      span.recordException(e);
      span.setStatus(StatusCode.ERROR, "dead-lettered");
    }
    span.end();
  }
}
