package io.choreography.tracker.service.health;

import io.choreography.tracker.service.indexing.StateIndexer;
import io.choreography.tracker.service.ingest.EventIngestor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/**
 * The pipeline's consumers that write to Elasticsearch: the event indexer and the instance/incident writer.
 * Down when one of them died; out of service while Elasticsearch writes are being retried.
 */
@Component("pipeline")
public class PipelineHealthIndicator extends AbstractHealthIndicator {

  private final EventIngestor ingestor;
  private final ObjectProvider<StateIndexer> stateIndexer;

  public PipelineHealthIndicator(EventIngestor ingestor, ObjectProvider<StateIndexer> stateIndexer) {
    this.ingestor = ingestor;
    this.stateIndexer = stateIndexer;
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) {
    builder.up();
    builder.withDetail("assignedPartitions", ingestor.assignedPartitions());
    if (ingestor.lastBatchAt() != null) {
      builder.withDetail("lastBatchAt", ingestor.lastBatchAt().toString());
    }
    check(builder, "indexer", ingestor.isRunning(), ingestor.isAlive(), ingestor.lastWriteFailure());
    StateIndexer state = stateIndexer.getIfAvailable();
    if (state != null) {
      builder.withDetail("stateBuffered", state.buffered());
      check(builder, "stateWriter", state.isRunning(), state.isAlive(), state.lastWriteFailure());
    }
  }

  /** Worst state wins: down beats out of service beats up. */
  private static void check(Health.Builder builder, String name, boolean running, boolean alive, Throwable failure) {
    Health current = builder.build();
    if (running && !alive) {
      builder.down().withDetail(name, "not running");
    } else if (failure != null) {
      if (!"DOWN".equals(current.getStatus().getCode())) {
        builder.outOfService();
      }
      builder.withDetail(name, "retrying Elasticsearch writes: " + failure.getMessage());
    } else {
      builder.withDetail(name, running ? "running" : "stopped");
    }
  }
}
