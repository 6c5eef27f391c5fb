package io.choreography.tracker.service.kafka;

/**
 * How one stage of the pipeline (a consumer with its sink, the tracking topology) is doing, in the words health
 * shows: UP, OUT_OF_SERVICE while it retries something it needs (Elasticsearch, Kafka), DOWN when it stopped or does
 * not move. {@code detail} says why, for authenticated callers.
 */
public record StageHealth(State state, String detail) {

  /** Worst last: a pipeline is as healthy as its worst stage. */
  public enum State {
    UP,
    OUT_OF_SERVICE,
    DOWN
  }

  public static StageHealth up(String detail) {
    return new StageHealth(State.UP, detail);
  }

  public static StageHealth retrying(String detail) {
    return new StageHealth(State.OUT_OF_SERVICE, detail);
  }

  public static StageHealth down(String detail) {
    return new StageHealth(State.DOWN, detail);
  }

  /** A stage of the pipeline that reports how it is doing. */
  public interface Stage {
    String stageName();

    StageHealth health();
  }
}
