package io.choreography.tracker.service.tracking;

import io.choreography.tracker.model.intake.TaskWatermark;
import io.choreography.tracker.model.intake.TaskWatermarkBatch;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Gathers the task watermarks of the tracking tasks that one stream thread runs into one {@link TaskWatermarkBatch}
 * (see {@code TaskWatermarks} in correlation-rules). A task watermark must reach every task after everything its task
 * routed; the tasks of a stream thread send through the thread's one producer (exactly-once v2, as at-least-once),
 * so a batch written by one of them after what each routed keeps that order for all of them. Each tick, a task
 * joins the group of the thread it runs on; the group's first task (lowest partition) publishes the batch, with the
 * levels of every task as they stand at that moment, and the others publish nothing: the records per tick fall from
 * tasks x partitions to threads x partitions.
 *
 * <p>One instance per topology, shared by its stream threads: a few calls per task and second, so simply synchronized.
 */
final class ThreadWatermarks {

  /** A task that has not ticked for this long is left out (a processor gone without being closed). */
  static final long STALE_MILLIS = 30_000;

  private final Map<Thread, TreeMap<Integer, Member>> groups = new HashMap<>();

  /**
   * A task's tick: it joins (or stays in) the current thread's group; returns the batch to publish when it is the
   * group's first task.
   *
   * @param owner the task's processor: a task that moved to a new processor replaces the old one
   * @param levels the task's levels as they stand when asked (on this thread)
   */
  synchronized Optional<TaskWatermarkBatch> tick(Object owner, int task, Supplier<TaskWatermark> levels, long now) {
    TreeMap<Integer, Member> group = groups.computeIfAbsent(Thread.currentThread(), t -> new TreeMap<>());
    group.put(task, new Member(owner, levels, now));
    group.values().removeIf(m -> now - m.tickedAt() > STALE_MILLIS);
    if (group.firstKey() != task) {
      return Optional.empty();
    }
    List<TaskWatermark> batch = new ArrayList<>(group.size());
    for (Member m : group.values()) {
      batch.add(m.levels().get());
    }
    return Optional.of(new TaskWatermarkBatch(batch));
  }

  /** A task's processor closes: it leaves its thread's group (unless another processor has taken the task over). */
  synchronized void leave(Object owner, int task) {
    groups.values().forEach(group -> {
      Member m = group.get(task);
      if (m != null && m.owner() == owner) {
        group.remove(task);
      }
    });
    groups.values().removeIf(Map::isEmpty);
  }

  private record Member(Object owner, Supplier<TaskWatermark> levels, long tickedAt) {}
}
