package io.choreography.tracker.rules.drift;

import io.choreography.tracker.model.drift.DriftCount;
import io.choreography.tracker.rules.definition.ProcessDefinition;
import io.choreography.tracker.rules.definition.ProcessDefinitions;
import io.choreography.tracker.rules.engine.CompiledProcess;
import io.choreography.tracker.rules.engine.InstanceState;
import io.choreography.tracker.rules.tracking.InstanceKeys;
import io.choreography.tracker.rules.tracking.state.InstancesState;
import io.choreography.tracker.rules.tracking.state.TrackedInstance;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Counts the drift of the processes from their definitions: an event that matches no step of any definition but
 * carries the trace id of a stored instance (running, or ended and still retained) is an event type the instance's
 * process does not model. Per process, topic and type, the count, the first and last arrival, the latest one as an
 * example and a step to add for it ({@code after} the step the instance had reached last before it) are kept and published
 * on every change. Looking up whether a trace has an instance costs one store read per defined process, and only
 * for unmatched events with a trace id.
 */
public final class DriftCounter {

  private final List<CompiledProcess> processes = new ArrayList<>();
  private final InstancesState instances;
  private final DriftCounts counts;
  private final Consumer<DriftCount> changed;
  private final int partition;

  /**
   * @param partition the task's partition, part of every count's key: each task counts the traces it owns
   */
  public DriftCounter(ProcessDefinitions definitions, InstancesState instances, DriftCounts counts, int partition,
      Consumer<DriftCount> changed) {
    for (ProcessDefinition d : definitions.all()) {
      processes.add(CompiledProcess.compile(d));
    }
    this.instances = instances;
    this.counts = counts;
    this.partition = partition;
    this.changed = changed;
  }

  /**
   * One event that matched no step.
   *
   * @param eventId the event document's id, kept as the example
   * @param arrivedAt the record's Kafka timestamp: first and last seen, and the step reached before it
   */
  public void unmatched(String traceId, String topic, String type, String eventId, long arrivedAt) {
    if (traceId == null || type == null) {
      return;
    }
    for (CompiledProcess process : processes) {
      TrackedInstance stored = instances.get(InstanceKeys.of(process.id(), traceId), process);
      if (stored != null) {
        count(process, stored.state(), traceId, topic, type, eventId, arrivedAt);
      }
    }
  }

  private void count(CompiledProcess process, InstanceState instance, String traceId, String topic, String type,
      String eventId, long arrivedAt) {
    String key = process.id() + "/" + topic + "/" + type + "/" + partition;
    DriftCount before = counts.get(key);
    String last = lastReachedBy(process, instance, arrivedAt);
    DriftCount after = new DriftCount(process.id(), topic, type, partition,
        before == null ? 1 : before.count() + 1,
        before == null ? arrivedAt : Math.min(before.firstSeen(), arrivedAt),
        before == null ? arrivedAt : Math.max(before.lastSeen(), arrivedAt),
        eventId, traceId, stepId(type), last == null ? List.of() : List.of(last));
    counts.put(after);
    changed.accept(after);
  }

  /**
   * The step the instance had reached last when the event arrived (by reach time, not yet reached steps of a later
   * time left out: the topics of a trace are read at their own pace, so the instance may be further by now), or null
   * when it had reached none.
   */
  private static String lastReachedBy(CompiledProcess process, InstanceState instance, long arrivedAt) {
    long mask = instance.reachedMask();
    int latest = -1;
    long latestAt = Long.MIN_VALUE;
    for (int i = 0; i < process.stepCount(); i++) {
      long at = instance.reachedAt(i);
      if ((mask & (1L << i)) != 0 && at <= arrivedAt && at >= latestAt) {
        latest = i;
        latestAt = at;
      }
    }
    return latest < 0 ? null : process.stepId(latest);
  }

  /**
   * A step id for an event type, in the definition's id format ({@code [a-z0-9][a-z0-9-]{0,62}}): words split at
   * case changes and at anything not an ASCII letter or digit, lower case, joined by '-' ({@code PaymentRefunded},
   * {@code payment.refunded} and {@code PAYMENT_REFUNDED} -> {@code payment-refunded}).
   */
  static String stepId(String type) {
    StringBuilder id = new StringBuilder(Math.min(type.length() + 4, 64));
    for (int i = 0; i < type.length() && id.length() < 63; i++) {
      char c = type.charAt(i);
      if (!ascii(c)) {
        dash(id);
        continue;
      }
      char previous = i == 0 ? 0 : type.charAt(i - 1);
      boolean upper = c >= 'A' && c <= 'Z';
      boolean afterLower = (previous >= 'a' && previous <= 'z') || (previous >= '0' && previous <= '9');
      boolean acronymEnd = previous >= 'A' && previous <= 'Z' && i + 1 < type.length()
          && type.charAt(i + 1) >= 'a' && type.charAt(i + 1) <= 'z';
      if (upper && (afterLower || acronymEnd)) {
        dash(id);
      }
      id.append(Character.toLowerCase(c));
    }
    while (id.length() > 0 && id.charAt(id.length() - 1) == '-') {
      id.setLength(id.length() - 1);
    }
    return id.length() == 0 ? "step" : id.toString();
  }

  private static boolean ascii(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }

  private static void dash(StringBuilder id) {
    if (id.length() > 0 && id.charAt(id.length() - 1) != '-') {
      id.append('-');
    }
  }
}
