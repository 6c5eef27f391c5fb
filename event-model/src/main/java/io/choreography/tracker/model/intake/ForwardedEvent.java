package io.choreography.tracker.model.intake;

import java.util.List;
import java.util.Objects;

/**
 * One business record as the forwarder read it: where it came from, when it arrived, the step matches routed with
 * this copy, and (in exactly one copy per record) its Elasticsearch document. A record whose matches have different
 * routing keys (two processes correlating it differently) is forwarded once per key; only the first copy carries the
 * document, so it is indexed once.
 *
 * @param arrival the record's Kafka timestamp in epoch ms, never later than when the forwarder read it: reorder
 *     windows are measured between arrivals, not between the moments the tracker happens to read records
 * @param type the event type read from the record, or null
 * @param document null in the extra copies of a record, and for nothing else
 */
public record ForwardedEvent(
    String topic, int partition, long offset, long arrival, String type, List<ForwardedMatch> matches,
    EventDocument document) implements IntakeRecord {

  public ForwardedEvent {
    Objects.requireNonNull(topic, "topic");
    matches = List.copyOf(matches);
  }

  /** "topic-partition-offset" of the business record. */
  public String coordinates() {
    return topic + "-" + partition + "-" + offset;
  }
}
