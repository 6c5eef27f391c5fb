package io.choreography.tracker.service.health;

import io.choreography.tracker.service.ingest.EventIngestor;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/** The tracking pipeline: down when the indexing consumer died; out of service while writes keep failing. */
@Component("pipeline")
public class PipelineHealthIndicator extends AbstractHealthIndicator {

  private final EventIngestor ingestor;

  public PipelineHealthIndicator(EventIngestor ingestor) {
    this.ingestor = ingestor;
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) {
    Throwable failure = ingestor.lastWriteFailure();
    builder.withDetail("assignedPartitions", ingestor.assignedPartitions());
    if (ingestor.lastBatchAt() != null) {
      builder.withDetail("lastBatchAt", ingestor.lastBatchAt().toString());
    }
    if (ingestor.isRunning() && !ingestor.isAlive()) {
      builder.down().withDetail("indexer", "not running");
    } else if (failure != null) {
      builder.outOfService().withDetail("indexer", "retrying Elasticsearch writes: " + failure.getMessage());
    } else {
      builder.up().withDetail("indexer", ingestor.isRunning() ? "running" : "stopped");
    }
  }
}
