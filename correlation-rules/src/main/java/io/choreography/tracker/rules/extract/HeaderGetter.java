package io.choreography.tracker.rules.extract;

import io.opentelemetry.context.propagation.TextMapGetter;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * How a propagator reads the trace-context headers of a record: the carrier is a lookup of a header's value by name
 * (the last header of that name, as Kafka keeps duplicates); the names get a prefix, none for the W3C headers, {@code
 * ce_} for the CloudEvents tracing extension. Values are stripped of surrounding whitespace; empty counts as absent.
 */
enum HeaderGetter implements TextMapGetter<UnaryOperator<String>> {
  W3C(""),
  CLOUD_EVENTS("ce_");

  private final String prefix;

  HeaderGetter(String prefix) {
    this.prefix = prefix;
  }

  String prefix() {
    return prefix;
  }

  @Override
  public Iterable<String> keys(UnaryOperator<String> carrier) {
    return List.of(prefix + "traceparent", prefix + "tracestate");
  }

  @Override
  public String get(UnaryOperator<String> carrier, String key) {
    if (carrier == null || key == null) {
      return null;
    }
    String value = carrier.apply(prefix + key);
    if (value == null) {
      return null;
    }
    String stripped = value.strip();
    return stripped.isEmpty() ? null : stripped;
  }
}
