package io.choreography.tracker.service.tracking;

import io.choreography.tracker.model.IsoInstants;
import java.time.Instant;
import tools.jackson.databind.json.JsonMapper;

/** The JSON writer of the tracker's own topics. */
final class TrackerJson {

  static final JsonMapper MAPPER = JsonMapper.builder().build();

  private TrackerJson() {}

  static String time(Instant t) {
    return t == null ? null : IsoInstants.format(t);
  }

  static String time(long epochMillis) {
    return IsoInstants.formatMillis(epochMillis);
  }
}
