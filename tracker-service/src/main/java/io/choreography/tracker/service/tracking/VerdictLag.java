package io.choreography.tracker.service.tracking;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How far this process's verdicts are held back behind the wall clock because its input is not read that far yet
 * (SPEC 3.13), and how many wait: reported by each task on its ticks, shown as gauges, in health and in the API.
 */
public final class VerdictLag {

  /** One task's last report. */
  private record TaskLag(long heldForMillis, int unknownPartitions, int waiting) {}

  private final Map<String, TaskLag> tasks = new ConcurrentHashMap<>();

  public VerdictLag(MeterRegistry registry) {
    Gauge.builder("tracker.verdicts.delay.seconds", this, l -> l.heldForMillis() / 1000.0)
        .description("How far verdicts that rest on an absence (STUCK, DEADLINE, OUT_OF_ORDER) lag behind the wall"
            + " clock, because the input is not read that far yet (the largest of this process's tasks)")
        .register(registry);
    Gauge.builder("tracker.verdicts.waiting", this, VerdictLag::waiting)
        .description("Timers already due by the wall clock whose verdict waits for the input to be read (counted up"
            + " to 100,000 per task every 2 s)")
        .register(registry);
  }

  void report(String task, long heldForMillis, int unknownPartitions, Integer waiting) {
    tasks.compute(task, (t, before) -> new TaskLag(heldForMillis, unknownPartitions,
        waiting != null ? waiting : before == null ? 0 : before.waiting()));
  }

  void forget(String task) {
    tasks.remove(task);
  }

  /** The largest delay of this process's tasks, in ms; 0 without tasks. */
  public long heldForMillis() {
    return tasks.values().stream().mapToLong(TaskLag::heldForMillis).max().orElse(0);
  }

  /** Timers waiting over all tasks, as last counted. */
  public int waiting() {
    return tasks.values().stream().mapToInt(TaskLag::waiting).sum();
  }

  /** Input partitions without any watermark yet, as the task that knows of most sees it. */
  public int unknownPartitions() {
    return tasks.values().stream().mapToInt(TaskLag::unknownPartitions).max().orElse(0);
  }
}
