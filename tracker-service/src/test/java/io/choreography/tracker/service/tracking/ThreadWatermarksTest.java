package io.choreography.tracker.service.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import io.choreography.tracker.model.intake.TaskWatermark;
import io.choreography.tracker.model.intake.TaskWatermarkBatch;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class ThreadWatermarksTest {

  private final ThreadWatermarks watermarks = new ThreadWatermarks();
  private final Object task1 = new Object();
  private final Object task3 = new Object();

  @Test
  void shouldPublishTheLevelsOfEveryTaskOfTheThreadFromItsFirstTaskOnly() {
    AtomicLong level3 = new AtomicLong(30);
    // alone in its thread, task 3 is its first task
    assertThat(watermarks.tick(task3, 3, levels(3, level3::get), 1_000).orElseThrow().tasks())
        .containsExactly(watermark(3, 30));
    // task 1 joins and is first from now on
    Optional<TaskWatermarkBatch> first = watermarks.tick(task1, 1, levels(1, () -> 10L), 1_010);
    assertThat(first).isPresent();
    level3.set(31);
    assertThat(first.get().tasks()).containsExactly(watermark(1, 10), watermark(3, 30));
    assertThat(watermarks.tick(task3, 3, levels(3, level3::get), 1_250)).isEmpty();
    // the levels as they stand when the first task publishes, not as they stood at the other task's tick
    level3.set(32);
    assertThat(watermarks.tick(task1, 1, levels(1, () -> 11L), 1_260).orElseThrow().tasks())
        .containsExactly(watermark(1, 11), watermark(3, 32));
  }

  @Test
  void shouldKeepTheTasksOfAnotherThreadOutOfTheBatch() throws Exception {
    watermarks.tick(task1, 1, levels(1, () -> 10L), 1_000);
    Optional<TaskWatermarkBatch> other = CompletableFuture.supplyAsync(
        () -> watermarks.tick(task3, 3, levels(3, () -> 30L), 1_000)).get();
    assertThat(other.orElseThrow().tasks()).containsExactly(watermark(3, 30));
    assertThat(watermarks.tick(task1, 1, levels(1, () -> 10L), 1_250).orElseThrow().tasks())
        .containsExactly(watermark(1, 10));
  }

  @Test
  void shouldHandTheBatchOverWhenTheFirstTaskLeaves() {
    watermarks.tick(task1, 1, levels(1, () -> 10L), 1_000);
    assertThat(watermarks.tick(task3, 3, levels(3, () -> 30L), 1_000)).isEmpty();
    watermarks.leave(task1, 1);
    assertThat(watermarks.tick(task3, 3, levels(3, () -> 30L), 1_250).orElseThrow().tasks())
        .containsExactly(watermark(3, 30));
  }

  @Test
  void shouldNotLetAnOldProcessorRemoveTheOneThatTookItsTaskOver() {
    Object successor = new Object();
    watermarks.tick(task1, 1, levels(1, () -> 10L), 1_000);
    watermarks.tick(successor, 1, levels(1, () -> 12L), 1_250);
    watermarks.leave(task1, 1);
    assertThat(watermarks.tick(task3, 3, levels(3, () -> 30L), 1_300)).isEmpty();
    assertThat(watermarks.tick(successor, 1, levels(1, () -> 13L), 1_500).orElseThrow().tasks())
        .containsExactly(watermark(1, 13), watermark(3, 30));
  }

  @Test
  void shouldLeaveOutATaskThatStoppedTicking() {
    watermarks.tick(task1, 1, levels(1, () -> 10L), 1_000);
    long later = 1_000 + ThreadWatermarks.STALE_MILLIS + 1;
    assertThat(watermarks.tick(task3, 3, levels(3, () -> 30L), later).orElseThrow().tasks())
        .containsExactly(watermark(3, 30));
  }

  private static Supplier<TaskWatermark> levels(int task, Supplier<Long> level) {
    return () -> watermark(task, level.get());
  }

  private static TaskWatermark watermark(int task, long level) {
    return new TaskWatermark(task, List.of(level, level - 1));
  }
}
