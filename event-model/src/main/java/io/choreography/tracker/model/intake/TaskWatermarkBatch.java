package io.choreography.tracker.model.intake;

import java.util.List;

/**
 * The {@link TaskWatermark}s of the tracking tasks of one stream thread, in one record to every intake partition:
 * the tasks of a thread share its one producer, so a batch written after what each of them routed keeps the order a
 * watermark of each task would have, at one record per thread rather than one per task (SPEC 3.12).
 *
 * @param tasks one watermark per task, each task at most once
 */
public record TaskWatermarkBatch(List<TaskWatermark> tasks) implements IntakeRecord {

  public TaskWatermarkBatch {
    tasks = List.copyOf(tasks);
  }
}
