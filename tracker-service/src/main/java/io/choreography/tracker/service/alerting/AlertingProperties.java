package io.choreography.tracker.service.alerting;

import io.choreography.tracker.model.IncidentType;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code tracker.alerts.*}: where incidents are announced (webhooks, Alertmanager) and the gauges computed from them.
 *
 * @param incidentsTopic the topic of incident CloudEvents
 * @param groupId consumer group of the webhook sender (its committed offsets say what was delivered)
 * @param webhooks where every opened and resolved incident is POSTed
 * @param alertmanager where incidents are pushed as Alertmanager alerts (off without a URL)
 * @param retry how failed deliveries are retried
 * @param requestTimeout how long one delivery attempt may take
 * @param gauges whether to keep the open-incident gauges (reads the whole incident topic at start)
 */
@ConfigurationProperties("tracker.alerts")
public record AlertingProperties(
    @DefaultValue("tracker.incidents") String incidentsTopic,
    @DefaultValue("tracker-alerts") String groupId,
    @DefaultValue List<Webhook> webhooks,
    @DefaultValue Alertmanager alertmanager,
    @DefaultValue Retry retry,
    @DefaultValue("10s") Duration requestTimeout,
    @DefaultValue("true") boolean gauges) {

  public AlertingProperties {
    for (int i = 0; i < webhooks.size(); i++) {
      webhooks.get(i).check(i);
    }
    alertmanager.check();
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
   * {@code tracker.alerts.alertmanager.*}: incidents as Alertmanager alerts ({@code POST /api/v2/alerts}).
   *
   * @param url the Alertmanager, e.g. {@code http://alertmanager:9093} (a path prefix is kept); null: off
   * @param uiUrl where the tracker's UI is reached by the people alerted, e.g. {@code https://tracker.example.com}:
   *     the alerts link to the incident's trace view; null: no links
   * @param groupId consumer group of the Alertmanager sender (its own, so that a dead Alertmanager never holds up
   *     the webhooks)
   * @param resendInterval how often every open incident's alert is sent again (Alertmanager keeps alerts in memory)
   * @param severities the {@code severity} label per incident type, over the defaults of {@link AlertmanagerBody}
   * @param labels extra labels on every alert, e.g. {@code env: prod}
   * @param headers extra request headers (e.g. an Authorization header of a proxy in front of Alertmanager)
   */
  public record Alertmanager(URI url, URI uiUrl, @DefaultValue("tracker-alertmanager") String groupId,
      @DefaultValue("1m") Duration resendInterval, @DefaultValue Map<String, String> severities,
      @DefaultValue Map<String, String> labels, @DefaultValue Map<String, String> headers) {

    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

    public Alertmanager {
      // an empty value (e.g. TRACKER_ALERTS_ALERTMANAGER_URL=) means unset
      url = url == null || url.toString().isBlank() ? null : url;
      uiUrl = uiUrl == null || uiUrl.toString().isBlank() ? null : uiUrl;
    }

    public boolean enabled() {
      return url != null;
    }

    /** The severity configured for this incident type, or null for the default. */
    public String severity(String incidentType) {
      for (Map.Entry<String, String> e : severities.entrySet()) {
        if (e.getKey().equalsIgnoreCase(incidentType)) {
          return e.getValue();
        }
      }
      return null;
    }

    void check() {
      if (url != null && !isHttp(url)) {
        throw new IllegalArgumentException("tracker.alerts.alertmanager.url must be an http(s) URL");
      }
      if (uiUrl != null && !isHttp(uiUrl)) {
        throw new IllegalArgumentException("tracker.alerts.alertmanager.ui-url must be an http(s) URL: '" + uiUrl
            + "'");
      }
      if (resendInterval.isZero() || resendInterval.isNegative()) {
        throw new IllegalArgumentException("tracker.alerts.alertmanager.resend-interval must be positive: '"
            + resendInterval + "'");
      }
      Set<String> types = Set.copyOf(Arrays.stream(IncidentType.values()).map(Enum::name).toList());
      severities.forEach((type, severity) -> {
        if (!types.contains(type.toUpperCase(Locale.ROOT))) {
          throw new IllegalArgumentException("tracker.alerts.alertmanager.severities: '" + type
              + "' is no incident type (one of " + types + ")");
        }
        if (severity == null || severity.isBlank()) {
          throw new IllegalArgumentException("tracker.alerts.alertmanager.severities." + type + " is empty");
        }
      });
      labels.keySet().forEach(name -> {
        if (!LABEL_NAME.matcher(name).matches()) {
          throw new IllegalArgumentException("tracker.alerts.alertmanager.labels: '" + name
              + "' is no Alertmanager label name ([a-zA-Z_][a-zA-Z0-9_]*)");
        }
        if (AlertmanagerBody.LABELS.contains(name)) {
          throw new IllegalArgumentException("tracker.alerts.alertmanager.labels: '" + name
              + "' is set by the tracker itself (" + AlertmanagerBody.LABELS + ")");
        }
      });
    }

    private static boolean isHttp(URI u) {
      return u.getHost() != null && ("http".equalsIgnoreCase(u.getScheme()) || "https".equalsIgnoreCase(u.getScheme()));
    }

    @Override
    public String toString() {
      return "Alertmanager[host=" + (url == null ? null : url.getHost()) + ", resendInterval=" + resendInterval + "]";
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
