package io.choreography.tracker.service.tracing;

import io.opentelemetry.api.trace.TraceId;
import io.opentelemetry.sdk.trace.IdGenerator;
import java.util.function.Supplier;

/**
 * The SDK's id generator, random but for the root span started inside {@link #inTrace}: that one gets the trace id
 * given, so an instance's span lands in the instance's own trace as a root, with no made-up parent.
 */
final class InstanceTraceIds implements IdGenerator {

  private final IdGenerator random = IdGenerator.random();
  private final ThreadLocal<String> next = new ThreadLocal<>();

  /** Whether it is a W3C trace id: 32 lowercase hex digits, not all zero. */
  static boolean w3c(String traceId) {
    return traceId != null && TraceId.isValid(traceId);
  }

  /** What {@code start} returns, a root span started in trace {@code traceId} (a valid W3C trace id). */
  <T> T inTrace(String traceId, Supplier<T> start) {
    next.set(traceId);
    try {
      return start.get();
    } finally {
      next.remove();
    }
  }

  @Override
  public String generateSpanId() {
    return random.generateSpanId();
  }

  @Override
  public String generateTraceId() {
    String traceId = next.get();
    if (traceId == null) {
      return random.generateTraceId();
    }
    next.remove();
    return traceId;
  }
}
