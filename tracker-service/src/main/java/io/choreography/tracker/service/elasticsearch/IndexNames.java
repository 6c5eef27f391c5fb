package io.choreography.tracker.service.elasticsearch;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Names of the tracker's indices. Events go to daily indices named after the Kafka record timestamp, so a
 * redelivered record lands in the same index under the same id; retention is deleting old daily indices.
 */
public final class IndexNames {

  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy.MM.dd").withZone(ZoneOffset.UTC);

  private static final long MILLIS_PER_DAY = 86_400_000L;

  private final String prefix;
  /** The last day named: nearly every event of a batch falls on the same day, and formatting costs. */
  private volatile Day lastDay = new Day(-1, null);

  private record Day(long number, String index) {}

  public IndexNames(String prefix) {
    this.prefix = prefix;
  }

  public String prefix() {
    return prefix;
  }

  /** The daily events index of a record timestamp. */
  public String eventsIndex(long recordTimestampMillis) {
    long millis = Math.max(0, recordTimestampMillis);
    long number = millis / MILLIS_PER_DAY;
    Day day = lastDay;
    if (day.number() != number) {
      day = new Day(number, prefix + "-events-" + DAY.format(Instant.ofEpochMilli(millis)));
      lastDay = day;
    }
    return day.index();
  }

  /** Every events index, for searches. */
  public String eventsPattern() {
    return prefix + "-events-*";
  }

  public String eventsTemplate() {
    return prefix + "-events";
  }

  /**
   * The one index of process instances: not daily, since an instance spans days and each has one document
   * overwritten as it changes.
   */
  public String instancesIndex() {
    return prefix + "-instances";
  }

  /** The one index of incidents, one document per incident id. */
  public String incidentsIndex() {
    return prefix + "-incidents";
  }
}
