package io.choreography.tracker.service.api;

import io.choreography.tracker.model.InstanceStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** Checks of the parameters of the API calls; a bad one is a 400 naming it. */
final class Parameters {

  static final int DEFAULT_SIZE = 50;
  static final int MAX_SIZE = 500;
  private static final int MAX_LENGTH = 256;

  private Parameters() {}

  /** An optional text filter: null when absent or blank. */
  static String text(String name, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    if (value.length() > MAX_LENGTH) {
      throw ApiException.badRequest(name + " must be at most " + MAX_LENGTH + " characters, but has "
          + value.length());
    }
    for (int i = 0; i < value.length(); i++) {
      if (Character.isISOControl(value.charAt(i))) {
        throw ApiException.badRequest(name + " must not contain control characters");
      }
    }
    return value;
  }

  static InstanceStatus status(String value) {
    return oneOf("status", value, InstanceStatus.class);
  }

  /** An optional enum filter, case-insensitive: null when absent or blank. */
  static <E extends Enum<E>> E oneOf(String name, String value, Class<E> type) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(name + " must be one of " + names(type) + ", but was '"
          + (value.length() > 40 ? value.substring(0, 40) + "…" : value) + "'");
    }
  }

  /** An optional comma-separated list of enum values: empty when absent or blank. */
  static <E extends Enum<E>> Set<E> anyOf(String name, String value, Class<E> type) {
    Set<E> values = EnumSet.noneOf(type);
    if (value != null) {
      for (String part : value.split(",", -1)) {
        if (!part.isBlank()) {
          values.add(oneOf(name, part, type));
        }
      }
    }
    return values;
  }

  private static <E extends Enum<E>> String names(Class<E> type) {
    return String.join(", ", Arrays.stream(type.getEnumConstants()).map(Enum::name).toList());
  }

  static int size(String value) {
    return wholeNumber("size", value, 1, MAX_SIZE, DEFAULT_SIZE);
  }

  /** An optional whole number within bounds: the default when absent or blank. */
  static int wholeNumber(String name, String value, int min, int max, int defaultValue) {
    if (value == null || value.isBlank()) {
      return defaultValue;
    }
    long n;
    try {
      n = Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      n = Long.MIN_VALUE;
    }
    if (n < min || n > max) {
      throw ApiException.badRequest(name + " must be a whole number between " + min + " and " + max + ", but was '"
          + (value.length() > 40 ? value.substring(0, 40) + "…" : value) + "'");
    }
    return (int) n;
  }

  /** An optional instant, ISO-8601 with an offset ({@code 2026-11-20T10:00:00Z}): null when absent or blank. */
  static Instant instant(String name, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return OffsetDateTime.parse(value.trim()).toInstant();
    } catch (DateTimeParseException e) {
      throw ApiException.badRequest(name + " must be an ISO-8601 time with an offset (e.g. 2026-11-20T10:00:00Z), "
          + "but was '" + (value.length() > 40 ? value.substring(0, 40) + "…" : value) + "'");
    }
  }

  /**
   * The range {@code [from, to)} of {@code from} and {@code to}: {@code to} defaults to now, {@code from} to
   * {@code length} before {@code to}; {@code from} must come before {@code to}.
   */
  static TimeRange range(String from, String to, Instant now, Duration length) {
    Instant end = instant("to", to);
    Instant start = instant("from", from);
    end = end != null ? end : now;
    start = start != null ? start : end.minus(length);
    if (!start.isBefore(end)) {
      throw ApiException.badRequest("from must be before to, but from is " + start + " and to " + end);
    }
    return new TimeRange(start, end);
  }
}
