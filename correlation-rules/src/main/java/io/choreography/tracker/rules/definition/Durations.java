package io.choreography.tracker.rules.definition;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the duration format of definitions: {@code 250ms 30s 5m 1h 2d} or ISO-8601 ({@code PT5M}, {@code P2D}). */
public final class Durations {

  private static final Pattern SHORT = Pattern.compile("(\\d+)(ms|s|m|h|d)");
  static final String FORMATS = "use 250ms, 30s, 5m, 1h, 2d or ISO-8601 like PT5M or P2D";

  private Durations() {}

  /**
   * The duration, or throws IllegalArgumentException with a message quoting {@code text}.
   *
   * @param key the key it was read from, named in the message
   */
  public static Duration parse(String text, String key) {
    String prefix = "invalid duration '" + text + "' for '" + key + "': ";
    Duration d = parseAnySign(text.trim(), prefix);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(prefix + "must be positive");
    }
    return d;
  }

  private static Duration parseAnySign(String t, String prefix) {
    Matcher m = SHORT.matcher(t);
    try {
      if (m.matches()) {
        long amount = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
          case "ms" -> Duration.ofMillis(amount);
          case "s" -> Duration.ofSeconds(amount);
          case "m" -> Duration.ofMinutes(amount);
          case "h" -> Duration.ofHours(amount);
          default -> Duration.ofDays(amount);
        };
      }
      if (t.startsWith("-")) {
        throw new IllegalArgumentException(prefix + "must be positive");
      }
      if (t.startsWith("P") || t.startsWith("p")) {
        return Duration.parse(t);
      }
    } catch (ArithmeticException | NumberFormatException | DateTimeParseException e) {
      // too large or malformed: same message as any other unreadable value
    }
    throw new IllegalArgumentException(prefix + FORMATS);
  }
}
