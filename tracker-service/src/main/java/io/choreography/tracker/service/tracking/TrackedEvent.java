package io.choreography.tracker.service.tracking;

/**
 * One step match on its way from the extraction to the engine, through the topic that re-keys it by trace id.
 *
 * @param traceId null for a match without one (SPEC 3.8: counted as UNCORRELATED)
 * @param eventTime epoch milliseconds
 */
public record TrackedEvent(
    String process, String step, String traceId, String eventId, long eventTime, String topic, String type) {

  /** The key of the re-keying topic: the trace id, so that every event of a trace reaches the same task. */
  public String partitionKey() {
    // uncorrelated matches are counted per (process, step): one task owns each counter
    return traceId != null ? traceId : process + "/" + step;
  }
}
