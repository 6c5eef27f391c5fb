package io.choreography.tracker.service.alerting;

import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Pushes incidents to Alertmanager as alerts ({@code POST /api/v2/alerts}), on its own thread: every change of an
 * incident as it comes (retried with backoff like a webhook), and every resend interval the alerts of all incidents
 * still open, because Alertmanager keeps alerts in memory only and loses them when it restarts.
 *
 * <p>A change is retried until Alertmanager accepts it (2xx), refuses it for good (a 4xx other than 408 and 429), or,
 * for an open incident, until it is older than the maximum age: the incident's alert is then left to the re-sends.
 * A resolution is never given up for its age: it is what ends the alert.
 */
final class AlertmanagerSink implements IncidentSink {

  private static final Logger LOG = LoggerFactory.getLogger(AlertmanagerSink.class);
  /** Changes taken from the queue at once, and alerts per request. */
  static final int MAX_BATCH = 500;

  private sealed interface Item permits Change, Revoked {}

  private record Change(IncidentEvent event, CompletableFuture<Void> done) implements Item {}

  private record Revoked() implements Item {}

  private enum Outcome { ACCEPTED, REFUSED, FAILED }

  private record Attempt(Outcome outcome, String failure) {}

  private final AlertingProperties.Alertmanager settings;
  private final AlertingProperties.Retry retry;
  private final Duration requestTimeout;
  private final JsonMapper json;
  private final Clock clock;
  private final URI endpoint;
  private final HttpClient http;
  private final OpenAlerts open = new OpenAlerts();
  private final AlertmanagerMetrics metrics;
  // Bounded in practice: the consumer hands over one poll's worth and waits for it before reading more.
  private final BlockingQueue<Item> queue = new LinkedBlockingQueue<>();
  private volatile boolean running;
  private Thread thread;

  AlertmanagerSink(AlertingProperties.Alertmanager settings, AlertingProperties.Retry retry, Duration requestTimeout,
      MeterRegistry registry, JsonMapper json, Clock clock) {
    this.settings = settings;
    this.retry = retry;
    this.requestTimeout = requestTimeout;
    this.json = json;
    this.clock = clock;
    String base = settings.url().toString();
    this.endpoint = URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/api/v2/alerts");
    // HTTP/1.1, as for webhooks: no "Upgrade: h2c" asked of http:// servers and proxies
    this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(requestTimeout).build();
    this.metrics = new AlertmanagerMetrics(registry, settings.url().getHost(), open::size);
  }

  /** Every incident event: updates and acknowledgements change what the open alert shows. */
  @Override
  public boolean wants(IncidentEvent event) {
    return switch (event.type()) {
      case IncidentEvent.OPENED, IncidentEvent.UPDATED, IncidentEvent.ACKNOWLEDGED, IncidentEvent.RESOLVED -> true;
      default -> false;
    };
  }

  @Override
  public CompletableFuture<Void> submit(IncidentEvent event) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    queue.add(new Change(event, done));
    return done;
  }

  /**
   * Forgets the open incidents once the consumer's partitions moved: their new owner sends their changes, and alerts
   * re-sent from here after it resolved one would open it again in Alertmanager. Queued, so that the changes handed
   * over before are still sent first.
   */
  @Override
  public void partitionsRevoked() {
    queue.add(new Revoked());
  }

  @Override
  public synchronized void start() {
    running = true;
    thread = new Thread(this::run, "tracker-alertmanager");
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
    long nextResend = System.nanoTime() + settings.resendInterval().toNanos();
    try {
      while (running) {
        Item first = queue.poll(Math.max(0, nextResend - System.nanoTime()), TimeUnit.NANOSECONDS);
        if (first != null) {
          List<Item> items = new ArrayList<>();
          items.add(first);
          queue.drainTo(items, MAX_BATCH - 1);
          handle(items);
        }
        if (System.nanoTime() - nextResend >= 0) {
          resendOpen();
          nextResend = System.nanoTime() + settings.resendInterval().toNanos();
        }
      }
    } catch (InterruptedException e) {
      // stopping: changes not delivered are not committed and are read again after the restart
    }
  }

  private void handle(List<Item> items) throws InterruptedException {
    // the latest change of each incident in this batch, in order of those changes
    Map<String, IncidentAlert> changes = new LinkedHashMap<>();
    List<CompletableFuture<Void>> done = new ArrayList<>();
    int skipped = 0;
    for (Item item : items) {
      if (item instanceof Revoked) {
        open.clear();
        continue;
      }
      Change c = (Change) item;
      done.add(c.done());
      IncidentAlert change;
      try {
        change = IncidentAlert.of(c.event(), clock.instant());
      } catch (RuntimeException e) {
        LOG.warn("alertmanager ({}): skipping incident event {}: {}", host(), c.event().id(), e.toString());
        continue;
      }
      IncidentAlert toSend = open.apply(change, tooOld(change));
      if (toSend == null) {
        skipped++;
        continue;
      }
      changes.remove(change.incidentId());
      changes.put(change.incidentId(), toSend);
    }
    if (skipped > 0) {
      // e.g. the history a new consumer group reads; the open ones among them are in the next re-send
      metrics.gaveUp.increment(skipped);
      LOG.debug("alertmanager ({}): {} incident changes older than {} not sent", host(), skipped, retry.maxAge());
    }
    deliver(new ArrayList<>(changes.values()));
    done.forEach(f -> f.complete(null));
  }

  private void deliver(List<IncidentAlert> alerts) throws InterruptedException {
    Duration backoff = retry.initialBackoff();
    while (running && !alerts.isEmpty()) {
      open.sending(alerts);
      Attempt attempt = post(alerts);
      switch (attempt.outcome()) {
        case ACCEPTED -> {
          metrics.delivered.increment(alerts.size());
          return;
        }
        case REFUSED -> {
          metrics.gaveUp.increment(alerts.size());
          LOG.warn("alertmanager ({}): gave up sending {} incident changes: refused for good ({})", host(),
              alerts.size(), attempt.failure());
          return;
        }
        case FAILED -> {
          metrics.failedAttempts.increment();
          LOG.warn("alertmanager ({}): sending {} incident changes failed ({}); retrying in {}", host(),
              alerts.size(), attempt.failure(), backoff);
        }
      }
      Thread.sleep(backoff.toMillis());
      backoff = min(backoff.multipliedBy(2), retry.maxBackoff());
      int before = alerts.size();
      alerts.removeIf(a -> !a.resolved() && tooOld(a));
      if (alerts.size() < before) {
        metrics.gaveUp.increment(before - alerts.size());
        LOG.warn("alertmanager ({}): {} changes of open incidents older than {} left to the re-sends", host(),
            before - alerts.size(), retry.maxAge());
      }
    }
  }

  /** One round: no retries, the next round is the retry. */
  private void resendOpen() {
    List<IncidentAlert> all = open.all();
    for (int from = 0; from < all.size() && running; from += MAX_BATCH) {
      List<IncidentAlert> chunk = all.subList(from, Math.min(all.size(), from + MAX_BATCH));
      open.sending(chunk);
      Attempt attempt = post(chunk);
      if (attempt.outcome() != Outcome.ACCEPTED) {
        metrics.failedAttempts.increment();
        LOG.warn("alertmanager ({}): re-sending {} open incidents' alerts failed ({}); next round in {}", host(),
            all.size() - from, attempt.failure(), settings.resendInterval());
        return;
      }
      metrics.resent.increment(chunk.size());
    }
  }

  private Attempt post(List<IncidentAlert> alerts) {
    HttpRequest.Builder b = HttpRequest.newBuilder(endpoint)
        .timeout(requestTimeout)
        .header("Content-Type", AlertmanagerBody.CONTENT_TYPE)
        .POST(HttpRequest.BodyPublishers.ofByteArray(AlertmanagerBody.of(alerts, settings, json)));
    settings.headers().forEach(b::header);
    try {
      HttpResponse<String> response = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
      int status = response.statusCode();
      if (status >= 200 && status < 300) {
        return new Attempt(Outcome.ACCEPTED, null);
      }
      String failure = "HTTP " + status + reason(response.body());
      boolean forGood = status >= 400 && status < 500 && status != 408 && status != 429;
      return new Attempt(forGood ? Outcome.REFUSED : Outcome.FAILED, failure);
    } catch (IOException e) {
      return new Attempt(Outcome.FAILED, String.valueOf(e).replace(endpoint.toString(), host()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Attempt(Outcome.FAILED, "interrupted");
    }
  }

  /** Alertmanager says in its body why it refused alerts (e.g. which label is invalid): the first 200 characters. */
  private static String reason(String body) {
    if (body == null || body.isBlank()) {
      return "";
    }
    String oneLine = body.strip().replaceAll("\\s+", " ");
    return ": " + (oneLine.length() > 200 ? oneLine.substring(0, 200) + "..." : oneLine);
  }

  private boolean tooOld(IncidentAlert alert) {
    return alert.changedAt() != null
        && Duration.between(alert.changedAt(), clock.instant()).compareTo(retry.maxAge()) > 0;
  }

  private String host() {
    return settings.url().getHost();
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
