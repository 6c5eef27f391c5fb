package io.choreography.tracker.service.tracking;

import java.time.Instant;
import tools.jackson.databind.json.JsonMapper;

/** The JSON writer of the tracker's own topics. */
final class TrackerJson {

  static final JsonMapper MAPPER = JsonMapper.builder().build();

  private TrackerJson() {}

  static String time(Instant t) {
    return t == null ? null : t.toString();
  }

  static String time(long epochMillis) {
    return Instant.ofEpochMilli(epochMillis).toString();
  }
}
