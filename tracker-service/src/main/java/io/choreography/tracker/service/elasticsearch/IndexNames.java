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

  private final String prefix;

  public IndexNames(String prefix) {
    this.prefix = prefix;
  }

  public String prefix() {
    return prefix;
  }

  /** The daily events index of a record timestamp. */
  public String eventsIndex(long recordTimestampMillis) {
    return prefix + "-events-" + DAY.format(Instant.ofEpochMilli(Math.max(0, recordTimestampMillis)));
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
