package io.choreography.tracker.rules.tracking;

import io.choreography.tracker.model.intake.TaskWatermark;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The verdict time of what rests on records the tracking tasks route to one another (SPEC 3.12): the events
 * waiting for a business key's link, and the instances of processes with keys, whose events may still be on their
 * way from the owner of a link. The input watermark alone would not do: once the forwarder has read a business
 * record, a link it causes is still to be written by the task that owns its instance, and after a restart that task
 * may be far behind.
 *
 * <p>Every task publishes {@link TaskWatermark} levels to every task ({@link #levels}): level 0 is the input
 * watermark it has applied, level n the lowest level n - 1 it has received from all tasks (itself included), never
 * more than its own level 0. Records a task routes precede its next watermark on every partition, so a task that
 * has received level n >= t from every task has everything derived from business records that arrived before t in
 * up to n + 1 routing steps. One level costs one publication round; {@link #LEVELS} covers a chain of links well
 * beyond three hops (each hop of a chain is two to four steps). A task not heard from yet holds the verdict.
 */
public final class TaskWatermarks {

  /** How many routing steps the verdict covers. */
  public static final int LEVELS = 12;

  private final long[][] received;

  /** @param tasks how many tasks (intake partitions) there are */
  public TaskWatermarks(int tasks) {
    received = new long[tasks][];
  }

  /** Takes one task's published levels (a task outside the known range is ignored). */
  public void update(TaskWatermark w) {
    if (w.task() < 0 || w.task() >= received.length) {
      return;
    }
    long[] levels = new long[LEVELS];
    Arrays.fill(levels, InputWatermarks.HOLD);
    for (int i = 0; i < Math.min(LEVELS, w.levels().size()); i++) {
      levels[i] = w.levels().get(i);
    }
    received[w.task()] = levels;
  }

  /** The levels a task whose applied input watermark is {@code own} publishes now. */
  public List<Long> levels(long own) {
    List<Long> levels = new ArrayList<>(LEVELS);
    levels.add(own);
    for (int n = 1; n < LEVELS; n++) {
      levels.add(Math.min(own, lowest(n - 1)));
    }
    return levels;
  }

  /**
   * How far verdicts that rest on routed records may go: the lowest top level over all tasks, no later than {@code
   * verdict} (the task's own verdict time); {@link InputWatermarks#HOLD} while a task has not been heard from.
   */
  public long verdict(long verdict) {
    return Math.min(verdict, lowest(LEVELS - 1));
  }

  private long lowest(int level) {
    long low = Long.MAX_VALUE;
    for (long[] task : received) {
      if (task == null) {
        return InputWatermarks.HOLD;
      }
      low = Math.min(low, task[level]);
    }
    return low;
  }
}
