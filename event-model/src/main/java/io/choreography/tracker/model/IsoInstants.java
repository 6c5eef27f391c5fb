package io.choreography.tracker.model;

import java.time.Instant;
import java.time.LocalDate;

/**
 * {@link Instant#toString()} without the formatter: the same text ({@code 2024-05-01T10:15:30.123Z}, the fraction in
 * groups of three digits as needed) at a fraction of the cost, for the times written with every event and every
 * instance change. Years outside 0000-9999 go through {@link Instant#toString()}.
 */
public final class IsoInstants {

  private static final long SECONDS_PER_DAY = 86_400;
  private static final long MIN_SECOND = -62_167_219_200L; // 0000-01-01T00:00:00Z
  private static final long MAX_SECOND = 253_402_300_799L; // 9999-12-31T23:59:59Z

  private IsoInstants() {}

  public static String format(Instant t) {
    return format(t.getEpochSecond(), t.getNano(), t);
  }

  public static String formatMillis(long epochMillis) {
    return format(Math.floorDiv(epochMillis, 1000), (int) Math.floorMod(epochMillis, 1000) * 1_000_000, null);
  }

  private static String format(long second, int nano, Instant instant) {
    if (second < MIN_SECOND || second > MAX_SECOND) {
      return (instant != null ? instant : Instant.ofEpochSecond(second, nano)).toString();
    }
    long day = Math.floorDiv(second, SECONDS_PER_DAY);
    int secondOfDay = (int) Math.floorMod(second, SECONDS_PER_DAY);
    LocalDate date = LocalDate.ofEpochDay(day);
    int digits = nano == 0 ? 0 : nano % 1_000_000 == 0 ? 3 : nano % 1000 == 0 ? 6 : 9;
    char[] out = new char[20 + (digits == 0 ? 0 : digits + 1)];
    put(out, 0, date.getYear(), 4);
    out[4] = '-';
    put(out, 5, date.getMonthValue(), 2);
    out[7] = '-';
    put(out, 8, date.getDayOfMonth(), 2);
    out[10] = 'T';
    put(out, 11, secondOfDay / 3600, 2);
    out[13] = ':';
    put(out, 14, secondOfDay / 60 % 60, 2);
    out[16] = ':';
    put(out, 17, secondOfDay % 60, 2);
    if (digits > 0) {
      out[19] = '.';
      put(out, 20, nano / pow10(9 - digits), digits);
    }
    out[out.length - 1] = 'Z';
    return new String(out);
  }

  private static int pow10(int n) {
    int p = 1;
    for (int i = 0; i < n; i++) {
      p *= 10;
    }
    return p;
  }

  /** {@code value} as exactly {@code width} decimal digits at {@code at}. */
  private static void put(char[] out, int at, int value, int width) {
    for (int i = at + width - 1; i >= at; i--) {
      out[i] = (char) ('0' + value % 10);
      value /= 10;
    }
  }
}
