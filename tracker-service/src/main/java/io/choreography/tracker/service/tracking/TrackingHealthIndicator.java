package io.choreography.tracker.service.tracking;

import org.apache.kafka.streams.KafkaStreams;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * {@code tracking}: UP while the topology runs or rebalances, DOWN when it failed or is not running; with how far
 * its verdicts are held back behind the wall clock because the input is not read that far yet, and how many wait.
 */
public final class TrackingHealthIndicator extends AbstractHealthIndicator {

  private final TrackingStreams streams;
  private final VerdictLag verdictLag;

  public TrackingHealthIndicator(TrackingStreams streams, VerdictLag verdictLag) {
    this.streams = streams;
    this.verdictLag = verdictLag;
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) {
    KafkaStreams.State state = streams.state();
    builder.withDetail("state", state.name())
        .withDetail("verdictsDelayedSeconds", verdictLag.heldForMillis() / 1000.0)
        .withDetail("verdictsWaiting", verdictLag.waiting());
    if (verdictLag.unknownPartitions() > 0) {
      builder.withDetail("inputPartitionsNotReadYet", verdictLag.unknownPartitions());
    }
    switch (state) {
      case RUNNING, REBALANCING -> builder.up();
      case ERROR, NOT_RUNNING, PENDING_ERROR -> builder.down();
      default -> builder.unknown();
    }
  }
}
