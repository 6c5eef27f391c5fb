package io.choreography.tracker.service.alerting;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code tracker.alerts.*}: where incidents are announced (webhooks) and the gauges computed from them.
 *
 * @param incidentsTopic the topic of incident CloudEvents
 * @param groupId consumer group of the webhook sender (its committed offsets say what was delivered)
 * @param webhooks where every opened and resolved incident is POSTed
 * @param retry how failed deliveries are retried
 * @param requestTimeout how long one delivery attempt may take
 * @param gauges whether to keep the open-incident gauges (reads the whole incident topic at start)
 */
@ConfigurationProperties("tracker.alerts")
public record AlertingProperties(
    @DefaultValue("tracker.incidents") String incidentsTopic,
    @DefaultValue("tracker-alerts") String groupId,
    @DefaultValue List<Webhook> webhooks,
    @DefaultValue Retry retry,
    @DefaultValue("10s") Duration requestTimeout,
    @DefaultValue("true") boolean gauges) {

  public AlertingProperties {
    for (int i = 0; i < webhooks.size(); i++) {
      webhooks.get(i).check(i);
    }
  }

  /** Body formats of a webhook. */
  public enum Format {
    /** The incident CloudEvent as is ({@code application/cloudevents+json}). */
    JSON,
    /** A Slack-compatible {@code {"text": "..."}} body. */
    SLACK
  }

  /**
   * @param url where to POST (http or https); a secret for many services, so never logged, only its host
   * @param format {@code json} or {@code slack}
   * @param headers extra request headers (e.g. an Authorization header of the receiver)
   * @param includeUpdated also POST {@code tracker.incident.updated} events (count changes); off by default
   */
  public record Webhook(URI url, @DefaultValue("json") Format format, @DefaultValue Map<String, String> headers,
      @DefaultValue("false") boolean includeUpdated) {

    void check(int index) {
      if (url == null || url.getHost() == null
          || !("http".equalsIgnoreCase(url.getScheme()) || "https".equalsIgnoreCase(url.getScheme()))) {
        throw new IllegalArgumentException("tracker.alerts.webhooks[" + index + "].url must be an http(s) URL");
      }
    }

    @Override
    public String toString() {
      return "Webhook[host=" + (url == null ? null : url.getHost()) + ", format=" + format + "]";
    }
  }

  /**
   * Exponential backoff of failed deliveries.
   *
   * @param initialBackoff wait after the first failure
   * @param maxBackoff the wait doubles up to this
   * @param maxAge an incident event older than this (by its CloudEvent time) is given up: counted and logged
   */
  public record Retry(
      @DefaultValue("1s") Duration initialBackoff,
      @DefaultValue("5m") Duration maxBackoff,
      @DefaultValue("24h") Duration maxAge) {}
}
