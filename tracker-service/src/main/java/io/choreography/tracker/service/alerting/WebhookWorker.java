package io.choreography.tracker.service.alerting;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Delivers to one webhook, in order, on its own thread: a dead webhook only delays its own queue, never tracking
 * or the other webhooks. A delivery is retried with exponential backoff until the receiver accepts it (2xx), refuses
 * it for good (a 4xx other than 408 and 429), or the incident event is older than the maximum age.
 */
final class WebhookWorker implements IncidentSink {

  private static final Logger LOG = LoggerFactory.getLogger(WebhookWorker.class);

  private record Delivery(IncidentEvent event, CompletableFuture<Void> done) {}

  private final int index;
  private final AlertingProperties.Webhook webhook;
  private final AlertingProperties.Retry retry;
  private final Duration requestTimeout;
  private final AlertingMetrics metrics;
  private final JsonMapper json;
  private final Clock clock;
  private final HttpClient http;
  // Bounded in practice: the consumer hands over one poll's worth and waits for it before reading more.
  private final BlockingQueue<Delivery> queue = new LinkedBlockingQueue<>();
  private volatile boolean running;
  private Thread thread;

  WebhookWorker(int index, AlertingProperties.Webhook webhook, AlertingProperties.Retry retry,
      Duration requestTimeout, AlertingMetrics metrics, JsonMapper json, Clock clock) {
    this.index = index;
    this.webhook = webhook;
    this.retry = retry;
    this.requestTimeout = requestTimeout;
    this.metrics = metrics;
    this.json = json;
    this.clock = clock;
    // HTTP/1.1: the client's HTTP/2 default asks http:// receivers for an "Upgrade: h2c", which servers that handle
    // upgrades themselves (Node with WebSockets attached: Node-RED, many Express apps) refuse with 405, for good.
    this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(requestTimeout).build();
  }

  /** Whether this webhook is told about events of this type. */
  @Override
  public boolean wants(IncidentEvent event) {
    return IncidentEvent.OPENED.equals(event.type()) || IncidentEvent.RESOLVED.equals(event.type())
        || (webhook.includeUpdated() && IncidentEvent.UPDATED.equals(event.type()));
  }

  /** Queues a delivery; the future completes once it was delivered or given up. */
  @Override
  public CompletableFuture<Void> submit(IncidentEvent event) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    queue.add(new Delivery(event, done));
    return done;
  }

  @Override
  public synchronized void start() {
    running = true;
    thread = new Thread(this::run, "tracker-webhook-" + index);
    thread.setDaemon(true);
    thread.start();
  }

  @Override
  public synchronized void stop() {
    running = false;
    if (thread != null) {
      thread.interrupt();
      try {
        thread.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void run() {
    try {
      while (running) {
        Delivery d = queue.poll(500, TimeUnit.MILLISECONDS);
        if (d != null) {
          deliver(d);
        }
      }
    } catch (InterruptedException e) {
      // stopping: undelivered notifications are not committed and are sent again after the restart
    }
  }

  private void deliver(Delivery d) throws InterruptedException {
    IncidentEvent event = d.event();
    HttpRequest request = request(event);
    Duration backoff = retry.initialBackoff();
    if (tooOld(event)) {
      // e.g. the history a brand-new consumer group reads at its first start: no longer worth an alert
      giveUp(d, "older than " + retry.maxAge() + " before the first attempt");
      return;
    }
    while (true) {
      String failure;
      try {
        HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
          metrics.delivered.increment();
          d.done().complete(null);
          return;
        }
        failure = "HTTP " + status;
        if (status >= 400 && status < 500 && status != 408 && status != 429) {
          giveUp(d, "refused for good (" + failure + ")");
          return;
        }
      } catch (IOException e) {
        failure = withoutUrl(e.toString());
      }
      if (tooOld(event)) {
        giveUp(d, "older than " + retry.maxAge() + " (last attempt: " + failure + ")");
        return;
      }
      metrics.failedAttempts.increment();
      // the host only, never the URL: a webhook URL often is a secret (Slack's are)
      LOG.warn("webhook {} ({}): notifying {} failed ({}); retrying in {}", index, host(), event.id(), failure,
          backoff);
      Thread.sleep(backoff.toMillis());
      backoff = min(backoff.multipliedBy(2), retry.maxBackoff());
    }
  }

  private boolean tooOld(IncidentEvent event) {
    Instant time = event.time();
    return time != null && Duration.between(time, clock.instant()).compareTo(retry.maxAge()) > 0;
  }

  private void giveUp(Delivery d, String why) {
    metrics.gaveUp.increment();
    LOG.warn("webhook {} ({}): gave up notifying {}: {}", index, host(), d.event().id(), why);
    d.done().complete(null);
  }

  private HttpRequest request(IncidentEvent event) {
    HttpRequest.Builder b = HttpRequest.newBuilder(webhook.url())
        .timeout(requestTimeout)
        .header("Content-Type", WebhookBody.contentType(webhook.format()))
        // the same for every attempt and every redelivery: receivers can drop duplicates
        .header("Idempotency-Key", event.id())
        .POST(HttpRequest.BodyPublishers.ofByteArray(WebhookBody.of(webhook.format(), event, json)));
    webhook.headers().forEach(b::header);
    return b.build();
  }

  private String host() {
    return webhook.url().getHost();
  }

  /** An exception's text with the webhook's URL, or its path and query, replaced by the host. */
  private String withoutUrl(String text) {
    String result = text.replace(webhook.url().toString(), host());
    String path = webhook.url().getRawPath();
    if (path != null && path.length() > 1) {
      result = result.replace(path, "/...");
    }
    String query = webhook.url().getRawQuery();
    return query == null ? result : result.replace(query, "...");
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
