package io.choreography.tracker.service.ocel;

import java.util.List;
import java.util.Map;

/** The query of the events an export holds, shared by the event scan and the object kinds. */
final class ExportedEvents {

  private ExportedEvents() {}

  static Map<String, Object> query(OcelQuery q) {
    Map<String, Object> processes = q.process() == null
        ? Map.of("exists", Map.of("field", "processes"))
        : Map.of("term", Map.of("processes", q.process()));
    return Map.of("bool", Map.of("filter", List.of(
        Map.of("range", Map.of("time", Map.of("gte", q.from().toString(), "lt", q.to().toString()))),
        processes)));
  }
}
