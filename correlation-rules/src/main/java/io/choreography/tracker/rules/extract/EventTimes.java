package io.choreography.tracker.rules.extract;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Year;
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
    Instant fast = commonDateTime(s);
    if (fast != null) {
      return fast;
    }
    return formattedDateTime(s);
  }

  /**
   * The common shape {@code yyyy-mm-ddThh:mm:ss[.f{0,9}][Z|+hh:mm|-hh:mm]} read by hand (a formatter costs a few
   * microseconds per event); null for any other shape or an invalid value, which the formatter then decides.
   */
  static Instant commonDateTime(String s) {
    int n = s.length();
    if (n < 19 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(13) != ':' || s.charAt(16) != ':') {
      return null;
    }
    char sep = s.charAt(10);
    if (sep != 'T' && sep != 't' && sep != ' ') {
      return null;
    }
    int year = digits(s, 0, 4);
    int month = digits(s, 5, 2);
    int day = digits(s, 8, 2);
    int hour = digits(s, 11, 2);
    int minute = digits(s, 14, 2);
    int second = digits(s, 17, 2);
    if ((year | month | day | hour | minute | second) < 0 || month < 1 || month > 12 || day < 1
        || day > daysIn(year, month) || hour > 23 || minute > 59 || second > 59) {
      return null;
    }
    int i = 19;
    int nanos = 0;
    if (i < n && s.charAt(i) == '.') {
      int start = ++i;
      while (i < n && i - start < 10 && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
        nanos = nanos * 10 + (s.charAt(i) - '0');
        i++;
      }
      int fractionDigits = i - start;
      if (fractionDigits > 9) {
        return null;
      }
      for (int k = fractionDigits; k < 9; k++) {
        nanos *= 10;
      }
    }
    int offsetSeconds;
    if (i == n) {
      offsetSeconds = 0;
    } else if (i == n - 1 && (s.charAt(i) == 'Z' || s.charAt(i) == 'z')) {
      offsetSeconds = 0;
    } else if (i == n - 6 && (s.charAt(i) == '+' || s.charAt(i) == '-') && s.charAt(i + 3) == ':') {
      int oh = digits(s, i + 1, 2);
      int om = digits(s, i + 4, 2);
      if ((oh | om) < 0 || om > 59 || oh > 18 || (oh == 18 && om > 0)) {
        return null;
      }
      offsetSeconds = (s.charAt(i) == '-' ? -1 : 1) * (oh * 3600 + om * 60);
    } else {
      return null;
    }
    long epochDay = LocalDate.of(year, month, day).toEpochDay();
    long epochSecond = epochDay * 86_400 + hour * 3600L + minute * 60L + second - offsetSeconds;
    return Instant.ofEpochSecond(epochSecond, nanos);
  }

  /** The value of {@code count} decimal digits at {@code from}, or -1. */
  private static int digits(String s, int from, int count) {
    int value = 0;
    for (int i = from; i < from + count; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  private static int daysIn(int year, int month) {
    return switch (month) {
      case 2 -> Year.isLeap(year) ? 29 : 28;
      case 4, 6, 9, 11 -> 30;
      default -> 31;
    };
  }

  /** The formatter's reading of any ISO-8601 date-time (the reference of {@link #commonDateTime}). */
  static Instant formattedDateTime(String s) {
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
