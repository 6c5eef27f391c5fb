package io.choreography.tracker.service.alerting;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.Supplier;

/** Counters of the Alertmanager sender, tagged with Alertmanager's host (never the URL). */
final class AlertmanagerMetrics {

  private static final String DELIVERIES = "tracker.alertmanager.deliveries";
  /** One text for both outcomes: Prometheus shows one HELP line per metric name, whichever counter came first. */
  private static final String DELIVERIES_HELP = "Incident changes sent to Alertmanager, by outcome: delivered "
      + "(accepted as alerts) or gave_up (refused for good, or too old; open ones are still re-sent)";

  final Counter delivered;
  final Counter gaveUp;
  final Counter failedAttempts;
  final Counter resent;

  AlertmanagerMetrics(MeterRegistry registry, String host, Supplier<Number> openAlerts) {
    delivered = Counter.builder(DELIVERIES).tag("host", host).tag("outcome", "delivered")
        .description(DELIVERIES_HELP).register(registry);
    gaveUp = Counter.builder(DELIVERIES).tag("host", host).tag("outcome", "gave_up")
        .description(DELIVERIES_HELP).register(registry);
    failedAttempts = Counter.builder("tracker.alertmanager.failed.attempts").tag("host", host)
        .description("Requests to Alertmanager that failed (changes are retried, re-sends wait for the next round)")
        .register(registry);
    resent = Counter.builder("tracker.alertmanager.resent").tag("host", host)
        .description("Alerts of open incidents sent again so that Alertmanager keeps them").register(registry);
    Gauge.builder("tracker.alertmanager.open.alerts", openAlerts).tag("host", host)
        .description("Open incidents whose alerts are re-sent (kept in memory)").register(registry);
  }
}
