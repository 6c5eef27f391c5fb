package io.choreography.tracker.rules.tracking;

import io.choreography.tracker.model.OrderedMaps;
import io.choreography.tracker.model.intake.ForwardedMatch;
import java.util.Map;
import java.util.Objects;

/**
 * One step match of a record, as the tracker applies it. Times are epoch milliseconds.
 *
 * @param traceId null for a match without one: it joins the instance one of its key values is linked to (SPEC
 *     3.12), else it is counted as UNCORRELATED (SPEC 3.8)
 * @param eventTime when the event happened, as the event says
 * @param arrivedAt the Kafka timestamp of the record the match came from: reorder windows, the window after an
 *     end and the retention are measured between arrivals, and incidents the event causes open then
 * @param keys the values of the process's business keys the record carries, by key name in definition order
 * @param lookup where a match without a trace id is in looking up its keys: see {@link ForwardedMatch#lookup()}
 */
public record MatchedEvent(String process, String step, String traceId, String eventId, long eventTime,
    String topic, String type, long arrivedAt, Map<String, String> keys, int lookup) {

  public MatchedEvent {
    Objects.requireNonNull(process, "process");
    Objects.requireNonNull(step, "step");
    Objects.requireNonNull(eventId, "eventId");
    keys = OrderedMaps.copyOf(keys);
  }

  /** A match that carries no business key. */
  public MatchedEvent(String process, String step, String traceId, String eventId, long eventTime, String topic,
      String type, long arrivedAt) {
    this(process, step, traceId, eventId, eventTime, topic, type, arrivedAt, Map.of(), ForwardedMatch.NO_LOOKUP);
  }

  /** A match as read from a record: without a trace id but with keys, it starts by looking up its first key. */
  public static MatchedEvent read(String process, String step, String traceId, String eventId, long eventTime,
      String topic, String type, long arrivedAt, Map<String, String> keys) {
    return new MatchedEvent(process, step, traceId, eventId, eventTime, topic, type, arrivedAt, keys,
        ForwardedMatch.firstLookup(traceId, keys));
  }

  /** Where a driver routes the match: see {@link ForwardedMatch#routingKey(String, String, String, Map, int)}. */
  public String routingKey() {
    return ForwardedMatch.routingKey(process, step, traceId, keys, lookup);
  }

  /** The same match, joining the instance of that trace. */
  MatchedEvent resolvedTo(String trace) {
    return new MatchedEvent(process, step, trace, eventId, eventTime, topic, type, arrivedAt, keys,
        ForwardedMatch.NO_LOOKUP);
  }

  /** The same match on its way to the owner of another key (or back to the first one's to wait). */
  MatchedEvent lookingUp(int key) {
    return new MatchedEvent(process, step, null, eventId, eventTime, topic, type, arrivedAt, keys, key);
  }

  /** The same match when no link came in time: counted as UNCORRELATED by the owner of its process and step. */
  MatchedEvent uncorrelated() {
    return new MatchedEvent(process, step, null, eventId, eventTime, topic, type, arrivedAt);
  }
}
