package io.choreography.tracker.service.ocel;

import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * One kind of object of the export (process instances; later, business key values): which objects an event relates
 * to, and the objects themselves, written after every event. A new kind only needs adding to {@link OcelExport}'s
 * list.
 */
interface ObjectKind {

  /** Adds the relationships of one event document to objects of this kind. */
  void relate(JsonNode event, OcelQuery query, List<OcelLogWriter.Relationship> into);

  /**
   * Writes every object of this kind that an event of the export relates to, declaring its types; returns how many
   * were written, calling {@code progress} with the running count now and then.
   */
  long writeObjects(OcelQuery query, OcelLogWriter out, OcelTypes types, java.util.function.LongConsumer progress);
}
