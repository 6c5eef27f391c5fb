package io.choreography.tracker.service.elasticsearch;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Names of the tracker's indices. Events go to daily indices named after the Kafka record timestamp, so a
 * redelivered record lands in the same index under the same id; retention is deleting old daily indices. Only
 * timestamps within a window around the time the record is read get a daily index of their own: records stamped
 * years ago or ahead (a producer's broken clock, a replay of old data) go to one fixed index, so that no producer
 * can open indices, and shards, without bound.
 */
public final class IndexNames {

  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy.MM.dd").withZone(ZoneOffset.UTC);

  private static final long MILLIS_PER_DAY = 86_400_000L;

  /** Suffix of the one index of events whose timestamp is outside the daily window. */
  public static final String OUTSIDE_WINDOW = "outside-window";

  private final String prefix;
  private final long pastMillis;
  private final long futureMillis;
  /** The last day named: nearly every event of a batch falls on the same day, and formatting costs. */
  private volatile Day lastDay = new Day(-1, null);

  private record Day(long number, String index) {}

  /** Daily indices for timestamps up to 30 days old and 1 day ahead. */
  public IndexNames(String prefix) {
    this(prefix, Duration.ofDays(30), Duration.ofDays(1));
  }

  /** Daily indices for timestamps at most {@code past} before and {@code future} after the time of reading. */
  public IndexNames(String prefix, Duration past, Duration future) {
    this.prefix = prefix;
    this.pastMillis = past.toMillis();
    this.futureMillis = future.toMillis();
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

  /**
   * The events index of a record read at {@code readAtMillis}: the daily index of its timestamp when that lies
   * within the window, else the fixed {@code <prefix>-events-outside-window}.
   */
  public String eventsIndex(long recordTimestampMillis, long readAtMillis) {
    if (recordTimestampMillis < readAtMillis - pastMillis || recordTimestampMillis > readAtMillis + futureMillis) {
      return prefix + "-events-" + OUTSIDE_WINDOW;
    }
    return eventsIndex(recordTimestampMillis);
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

  /**
   * The one index of drift: per (process, topic, type) of an event that arrived on a trace of the process but
   * matched none of its steps, how often and when; counted by the pipeline, read by the API.
   */
  public String driftIndex() {
    return prefix + "-drift";
  }
}
