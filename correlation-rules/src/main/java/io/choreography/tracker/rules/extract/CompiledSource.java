package io.choreography.tracker.rules.extract;

import com.fasterxml.jackson.core.JsonPointer;
import io.choreography.tracker.rules.definition.ValueSource;
import java.time.Instant;
import java.util.List;

/**
 * A {@link ValueSource} prepared once: the JSON Pointer compiled, the trace-context headers recognised.
 *
 * <p>{@code header traceparent} yields the trace-id of a W3C trace context. When the record has no valid
 * {@code traceparent} header it also tries {@code ce_traceparent}, which is where the CloudEvents distributed
 * tracing extension puts the same value; {@code header ce_traceparent} reads only that one.
 */
final class CompiledSource {

  private static final String TRACEPARENT = TraceContext.TRACEPARENT;
  private static final String CE_TRACEPARENT = TraceContext.CE_TRACEPARENT;

  private enum Kind {
    HEADER,
    TRACE_CONTEXT,
    JSON,
    NOTHING
  }

  private final ValueSource source;
  private final Kind kind;
  private final JsonPointer pointer;

  private CompiledSource(ValueSource source, Kind kind, JsonPointer pointer) {
    this.source = source;
    this.kind = kind;
    this.pointer = pointer;
  }

  static CompiledSource of(ValueSource source) {
    if (source.kind() == ValueSource.Kind.JSON) {
      JsonPointer pointer = pointer(source.name());
      return new CompiledSource(source, pointer == null ? Kind.NOTHING : Kind.JSON, pointer);
    }
    String name = source.name();
    boolean traceContext = name.equals(TRACEPARENT) || name.equals(CE_TRACEPARENT);
    return new CompiledSource(source, traceContext ? Kind.TRACE_CONTEXT : Kind.HEADER, null);
  }

  static List<CompiledSource> of(List<ValueSource> sources) {
    return sources.stream().map(CompiledSource::of).toList();
  }

  /** The compiled pointer, or null when the text is not a JSON Pointer (the loader should have refused it). */
  static JsonPointer pointer(String text) {
    if (text == null || !(text.isEmpty() || text.startsWith("/"))) {
      return null;
    }
    try {
      return JsonPointer.compile(text);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  ValueSource source() {
    return source;
  }

  /** The value this source yields for the record, or null. */
  String read(RecordView view) {
    return switch (kind) {
      case HEADER -> view.header(source.name());
      case JSON -> JsonScalars.text(view.at(pointer));
      case TRACE_CONTEXT -> traceId(view);
      case NOTHING -> null;
    };
  }

  private String traceId(RecordView view) {
    String traceId = TraceContext.traceId(view.header(source.name()));
    if (traceId == null && source.name().equals(TRACEPARENT)) {
      traceId = TraceContext.traceId(view.header(CE_TRACEPARENT));
    }
    return traceId;
  }

  /** The first value that one of the sources yields, or null. */
  static String first(List<CompiledSource> sources, RecordView view) {
    for (CompiledSource s : sources) {
      String value = s.read(view);
      if (value != null) {
        return value;
      }
    }
    return null;
  }

  /** The first time one of the sources yields that parses; an unparsable value falls through to the next. */
  static Instant firstTime(List<CompiledSource> sources, RecordView view) {
    for (CompiledSource s : sources) {
      Instant time = EventTimes.parse(s.read(view));
      if (time != null) {
        return time;
      }
    }
    return null;
  }
}
