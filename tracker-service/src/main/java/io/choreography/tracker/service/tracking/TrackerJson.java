package io.choreography.tracker.service.tracking;

import tools.jackson.databind.json.JsonMapper;

/** The JSON mapper of the topology's own stores. */
final class TrackerJson {

  static final JsonMapper MAPPER = JsonMapper.builder().build();

  private TrackerJson() {}
}
