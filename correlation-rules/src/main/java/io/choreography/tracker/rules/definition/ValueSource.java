package io.choreography.tracker.rules.definition;

import java.util.Objects;

/**
 * Where a value (trace id, type, time, event id) is read from: a header by name, or a JSON Pointer (RFC 6901)
 * into the payload. For CloudEvents in structured mode a pointer addresses {@code data}.
 */
public record ValueSource(Kind kind, String name) {

  public enum Kind {
    HEADER,
    JSON
  }

  public ValueSource {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(name, "name");
  }

  public static ValueSource header(String name) {
    return new ValueSource(Kind.HEADER, name);
  }

  public static ValueSource json(String pointer) {
    return new ValueSource(Kind.JSON, pointer);
  }

  @Override
  public String toString() {
    return (kind == Kind.HEADER ? "header " : "json ") + name;
  }
}
