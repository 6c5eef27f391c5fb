package io.choreography.tracker.rules.extract;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalQueries;

/**
 * Parses event times: an ISO-8601 instant or offset date-time (a local date-time without offset is taken as UTC),
 * or epoch milliseconds. Cheap shape checks come first so that ordinary garbage is rejected without an exception.
 */
final class EventTimes {

  private static final int MAX_EPOCH_DIGITS = 18;

  private EventTimes() {}

  /** The instant, or null when the value is neither form. */
  static Instant parse(String value) {
    if (value == null) {
      return null;
    }
    String s = value.strip();
    if (s.isEmpty()) {
      return null;
    }
    if (looksLikeEpochMillis(s)) {
      return epochMillis(s);
    }
    if (looksLikeDateTime(s)) {
      return isoDateTime(s);
    }
    return null;
  }

  private static boolean looksLikeEpochMillis(String s) {
    int start = s.charAt(0) == '-' ? 1 : 0;
    if (start == s.length()) {
      return false;
    }
    boolean dot = false;
    for (int i = start; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '.' && !dot && i > start && i < s.length() - 1) {
        dot = true;
      } else if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  private static Instant epochMillis(String s) {
    int dot = s.indexOf('.');
    String whole = dot < 0 ? s : s.substring(0, dot);
    int digits = whole.startsWith("-") ? whole.length() - 1 : whole.length();
    if (digits > MAX_EPOCH_DIGITS) {
      return null;
    }
    long millis = Long.parseLong(whole);
    if (dot < 0) {
      return Instant.ofEpochMilli(millis);
    }
    // A fractional part keeps its sub-millisecond precision (up to nanoseconds).
    BigDecimal fraction = new BigDecimal("0" + s.substring(dot)).movePointRight(6);
    long nanos = fraction.longValue();
    return Instant.ofEpochMilli(millis).plusNanos(s.startsWith("-") ? -nanos : nanos);
  }

  /** yyyy-mm-ddThh:mm at least; a space instead of the T is accepted (a common variant). */
  private static boolean looksLikeDateTime(String s) {
    if (s.length() < 16) {
      return false;
    }
    char sep = s.charAt(10);
    return digit(s, 0) && digit(s, 3) && s.charAt(4) == '-' && s.charAt(7) == '-'
        && (sep == 'T' || sep == 't' || sep == ' ') && s.charAt(13) == ':';
  }

  private static boolean digit(String s, int i) {
    char c = s.charAt(i);
    return c >= '0' && c <= '9';
  }

  private static Instant isoDateTime(String s) {
    String text = s.charAt(10) == ' ' ? s.substring(0, 10) + 'T' + s.substring(11) : s;
    try {
      TemporalAccessor parsed = DateTimeFormatter.ISO_DATE_TIME.parse(text);
      if (parsed.isSupported(ChronoField.OFFSET_SECONDS) || parsed.query(TemporalQueries.zoneId()) != null) {
        return Instant.from(parsed);
      }
      return LocalDateTime.from(parsed).toInstant(ZoneOffset.UTC);
    } catch (DateTimeException | ArithmeticException e) {
      return null;
    }
  }
}
