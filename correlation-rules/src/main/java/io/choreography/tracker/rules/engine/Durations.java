package io.choreography.tracker.rules.engine;

/** Formats durations the way definitions write them: 250ms, 40s, 12m, 1h30m, 2d. */
public final class Durations {

  private Durations() {}

  public static String format(long millis) {
    if (millis < 0) {
      return "-" + format(-millis);
    }
    if (millis < 1000) {
      return millis + "ms";
    }
    long s = millis / 1000;
    long d = s / 86400;
    long h = (s % 86400) / 3600;
    long m = (s % 3600) / 60;
    long sec = s % 60;
    StringBuilder sb = new StringBuilder();
    if (d > 0) {
      sb.append(d).append('d');
    }
    if (h > 0) {
      sb.append(h).append('h');
    }
    // seconds only matter while the whole is short
    if (m > 0) {
      sb.append(m).append('m');
    }
    if (sec > 0 && d == 0 && h == 0) {
      sb.append(sec).append('s');
    }
    return sb.toString();
  }
}
