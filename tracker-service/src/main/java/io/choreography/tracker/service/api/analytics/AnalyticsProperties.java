package io.choreography.tracker.service.api.analytics;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Process intelligence ({@code tracker.analytics.*}): conformance and drift, computed by Elasticsearch aggregations.
 *
 * @param driftPeriod how far back {@code GET /api/processes/{id}/drift} looks for steps no instance reached while
 *     instances of the process ran (instances updated within it)
 * @param conformanceWindow the ended instances the gauge {@code tracker_conformance_ratio} counts: those that ended
 *     within this much before each refresh
 * @param conformanceRefresh how often that gauge is read again from Elasticsearch
 */
@ConfigurationProperties("tracker.analytics")
public record AnalyticsProperties(
    @DefaultValue("1h") Duration driftPeriod,
    @DefaultValue("24h") Duration conformanceWindow,
    @DefaultValue("60s") Duration conformanceRefresh) {

  public AnalyticsProperties {
    positive("tracker.analytics.drift-period", driftPeriod);
    positive("tracker.analytics.conformance-window", conformanceWindow);
    positive("tracker.analytics.conformance-refresh", conformanceRefresh);
  }

  private static void positive(String name, Duration value) {
    if (value.toMillis() < 1) {
      throw new IllegalArgumentException(name + " must be at least 1ms, but was " + value);
    }
  }
}
