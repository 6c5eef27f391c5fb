package io.choreography.tracker.service.alerting;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** Counters of one webhook, tagged with its position in the configuration and its host (never the URL). */
final class AlertingMetrics {

  final Counter delivered;
  final Counter failedAttempts;
  final Counter gaveUp;

  AlertingMetrics(MeterRegistry registry, int index, String host) {
    String webhook = Integer.toString(index);
    delivered = Counter.builder("tracker.webhook.deliveries").tag("webhook", webhook).tag("host", host)
        .tag("outcome", "delivered").description("Incident notifications a webhook accepted").register(registry);
    gaveUp = Counter.builder("tracker.webhook.deliveries").tag("webhook", webhook).tag("host", host)
        .tag("outcome", "gave_up")
        .description("Incident notifications given up (too old, or refused for good)").register(registry);
    failedAttempts = Counter.builder("tracker.webhook.failed.attempts").tag("webhook", webhook).tag("host", host)
        .description("Delivery attempts that failed and were retried").register(registry);
  }
}
