package io.choreography.tracker.service.tracking;

import org.apache.kafka.streams.KafkaStreams;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/** {@code tracking}: UP while the topology runs or rebalances, DOWN when it failed or is not running. */
public final class TrackingHealthIndicator extends AbstractHealthIndicator {

  private final TrackingStreams streams;

  public TrackingHealthIndicator(TrackingStreams streams) {
    this.streams = streams;
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) {
    KafkaStreams.State state = streams.state();
    builder.withDetail("state", state.name());
    switch (state) {
      case RUNNING, REBALANCING -> builder.up();
      case ERROR, NOT_RUNNING, PENDING_ERROR -> builder.down();
      default -> builder.unknown();
    }
  }
}
