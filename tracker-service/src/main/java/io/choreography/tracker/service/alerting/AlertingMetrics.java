package io.choreography.tracker.service.alerting;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** Counters of one webhook, tagged with its position in the configuration and its host (never the URL). */
final class AlertingMetrics {

  /** One text for both outcomes: Prometheus shows one HELP line per metric name, whichever counter came first. */
  static final String DELIVERIES = "Incident notifications, by outcome: delivered (the webhook accepted them) or "
      + "gave_up (too old, or refused for good)";

  final Counter delivered;
  final Counter failedAttempts;
  final Counter gaveUp;

  AlertingMetrics(MeterRegistry registry, int index, String host) {
    String webhook = Integer.toString(index);
    delivered = Counter.builder("tracker.webhook.deliveries").tag("webhook", webhook).tag("host", host)
        .tag("outcome", "delivered").description(DELIVERIES).register(registry);
    gaveUp = Counter.builder("tracker.webhook.deliveries").tag("webhook", webhook).tag("host", host)
        .tag("outcome", "gave_up").description(DELIVERIES).register(registry);
    failedAttempts = Counter.builder("tracker.webhook.failed.attempts").tag("webhook", webhook).tag("host", host)
        .description("Webhook requests that failed (network error, 5xx, 408 or 429) and were retried").register(registry);
  }
}
