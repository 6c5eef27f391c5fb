package io.choreography.tracker.rules.extract;

/**
 * Reads the trace-id out of a W3C trace context {@code traceparent} value
 * ({@code version-traceid-parentid-flags}, https://www.w3.org/TR/trace-context/).
 */
final class TraceContext {

  private static final int VERSION_00_LENGTH = 55;

  private TraceContext() {}

  /** The 32 lowercase hex digits of the trace-id, or null when the value is not a valid traceparent. */
  static String traceId(String value) {
    if (value == null) {
      return null;
    }
    String s = value.strip();
    if (s.length() < VERSION_00_LENGTH) {
      return null;
    }
    if (!hex(s, 0, 2) || s.startsWith("ff") || s.charAt(2) != '-') {
      return null;
    }
    if (!hex(s, 3, 35) || zeros(s, 3, 35) || s.charAt(35) != '-') {
      return null;
    }
    if (!hex(s, 36, 52) || zeros(s, 36, 52) || s.charAt(52) != '-' || !hex(s, 53, 55)) {
      return null;
    }
    // Version 00 is exactly 55 characters; later versions may append fields after a dash.
    boolean version00 = s.startsWith("00");
    if (s.length() > VERSION_00_LENGTH && (version00 || s.charAt(VERSION_00_LENGTH) != '-')) {
      return null;
    }
    return s.substring(3, 35);
  }

  /** Lowercase hex only: the specification makes uppercase invalid. */
  private static boolean hex(String s, int from, int to) {
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        return false;
      }
    }
    return true;
  }

  private static boolean zeros(String s, int from, int to) {
    for (int i = from; i < to; i++) {
      if (s.charAt(i) != '0') {
        return false;
      }
    }
    return true;
  }
}
