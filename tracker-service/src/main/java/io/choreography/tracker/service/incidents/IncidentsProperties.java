package io.choreography.tracker.service.incidents;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Operators' incident actions and the context of incident messages ({@code tracker.incidents.*}). The commands
 * travel on the intake topic ({@code tracker.ingest.intake-topic}), in order with the events of their instance.
 *
 * @param commandTimeout how long an acknowledge or resolve waits for Kafka to accept its command before it answers
 *     503
 * @param hintRefresh how often the observed p95 duration of every step is read from Elasticsearch for STUCK
 *     messages ("; p95 of this step is 40s")
 */
@ConfigurationProperties("tracker.incidents")
public record IncidentsProperties(
    @DefaultValue("10s") Duration commandTimeout,
    @DefaultValue("60s") Duration hintRefresh) {

  public IncidentsProperties {
    if (commandTimeout.isNegative() || commandTimeout.isZero()) {
      throw new IllegalArgumentException(
          "tracker.incidents.command-timeout must be positive, but was " + commandTimeout);
    }
    if (hintRefresh.toMillis() < 1) {
      throw new IllegalArgumentException("tracker.incidents.hint-refresh must be at least 1ms, but was " + hintRefresh);
    }
  }
}
