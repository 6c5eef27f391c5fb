package io.choreography.tracker.rules.extract;

/**
 * The business payload of a record, classified for indexing.
 *
 * <ul>
 *   <li>JSON: {@code text} is the JSON document (for a structured-mode CloudEvent: its {@code data}).
 *   <li>TEXT: valid UTF-8 that is not JSON; {@code text} is that text.
 *   <li>BINARY: not valid UTF-8; {@code text} is the bytes in base64.
 *   <li>EMPTY: null or zero-length value; {@code text} is null.
 * </ul>
 */
public record Payload(Kind kind, String text) {

  public enum Kind {
    JSON,
    TEXT,
    BINARY,
    EMPTY
  }

  public static final Payload EMPTY = new Payload(Kind.EMPTY, null);
}
