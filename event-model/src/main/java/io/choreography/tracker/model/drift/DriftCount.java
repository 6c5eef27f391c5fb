package io.choreography.tracker.model.drift;

import java.util.List;
import java.util.Objects;

/**
 * How often one event type that no step models arrived on the traces of one process's instances, as one task of the
 * tracking topology counted it (each task counts the traces of its partition; the API adds the tasks' counts up).
 *
 * @param firstSeen arrival (record timestamp, epoch ms) of the first one
 * @param lastSeen arrival of the latest one
 * @param exampleEventId the event document id ({@code topic-partition-offset}) of the latest one
 * @param exampleTraceId its trace id
 * @param suggestedStepId a step id for the type ({@code PaymentRefunded} -> {@code payment-refunded})
 * @param suggestedAfter the step the latest one's instance had reached last before it came, or empty
 */
public record DriftCount(String process, String topic, String type, int partition, long count, long firstSeen,
    long lastSeen, String exampleEventId, String exampleTraceId, String suggestedStepId, List<String> suggestedAfter) {

  public DriftCount {
    Objects.requireNonNull(process, "process");
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(type, "type");
    suggestedAfter = List.copyOf(suggestedAfter);
  }

  /** The record key on {@code tracker.drift}, and the document's id: one per process, topic, type and partition. */
  public String key() {
    return process + "/" + topic + "/" + type + "/" + partition;
  }
}
