package io.choreography.tracker.model.intake;

import java.util.List;

/**
 * How far one tracking task has worked through what it was sent, published by the task to every intake partition
 * after its other records (SPEC 3.12, 3.13). Level 0 is the input watermark the task has applied; level n is no later
 * than level n - 1 of every task as this task had received them: a task that has received level n >= t from every
 * task has received everything the tasks derived, in up to n + 1 steps routed between them, from business records
 * that arrived before t.
 *
 * @param task the partition of the intake topic the task owns
 * @param levels epoch ms, {@code Long.MIN_VALUE} for "nothing known yet"
 */
public record TaskWatermark(int task, List<Long> levels) implements IntakeRecord {

  public TaskWatermark {
    levels = List.copyOf(levels);
  }
}
