package io.choreography.tracker.service.ingest;

import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which topics are business topics: every {@code tracker.refresh}, the cluster's topic names are listed and matched
 * against {@code tracker.topics} (each name once, with a time limit, see {@link GuardedRegex}), the tracker's own
 * topics left out, and the matching topics' partition counts read. The forwarder subscribes to exactly these names,
 * so no regular expression is ever evaluated inside a Kafka consumer, and is told when they change (a topic created,
 * deleted or given partitions).
 */
final class TopicDiscovery implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(TopicDiscovery.class);
  private static final long REQUEST_SECONDS = 15;

  private final Admin admin;
  private final GuardedRegex regex;
  private final Predicate<String> own;
  private final Duration refresh;
  private volatile Consumer<Map<String, Integer>> onChange = topics -> {};
  private final Map<String, GuardedRegex.Outcome> verdicts = new HashMap<>();
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "tracker-topic-discovery");
    t.setDaemon(true);
    return t;
  });
  private volatile Map<String, Integer> topics;
  private volatile Set<String> tooSlow = Set.of();
  private volatile Exception lastFailure;
  private volatile ScheduledFuture<?> task;

  TopicDiscovery(Admin admin, GuardedRegex regex, Predicate<String> own, Duration refresh) {
    this.admin = admin;
    this.regex = regex;
    this.own = own;
    this.refresh = refresh;
  }

  /** Refreshes now and then every refresh period; {@code onChange} hears of the first list and every change. */
  synchronized void start(Consumer<Map<String, Integer>> onChange) {
    this.onChange = onChange;
    this.topics = null;
    this.task = scheduler.scheduleWithFixedDelay(this::refreshQuietly, 0, refresh.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Stops refreshing (a refresh under way finishes); {@link #start} may follow. */
  void stop() {
    ScheduledFuture<?> t = task;
    if (t != null) {
      t.cancel(false);
    }
    synchronized (this) {
      onChange = topics -> {};
    }
  }

  /** The business topics with their partition counts, or null before the first successful listing. */
  Map<String, Integer> topics() {
    return topics;
  }

  /** Topic names on which {@code tracker.topics} took longer than its time limit: they are not read. */
  Set<String> tooSlow() {
    return tooSlow;
  }

  /** Why the last listing failed, or null when it succeeded. */
  Exception lastFailure() {
    return lastFailure;
  }

  private void refreshQuietly() {
    try {
      refreshNow();
      if (lastFailure != null) {
        LOG.info("listing business topics works again");
      }
      lastFailure = null;
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
        return;
      }
      if (lastFailure == null) {
        LOG.warn("cannot list the business topics yet ({}); retrying every {}", e.toString(), refresh);
      }
      lastFailure = e;
    }
  }

  synchronized void refreshNow() throws Exception {
    Set<String> names = admin.listTopics().names().get(REQUEST_SECONDS, TimeUnit.SECONDS);
    verdicts.keySet().retainAll(names);
    Set<String> selected = new TreeSet<>();
    Set<String> slow = new TreeSet<>();
    for (String name : names) {
      if (own.test(name)) {
        continue;
      }
      GuardedRegex.Outcome outcome = verdicts.computeIfAbsent(name, this::judge);
      if (outcome == GuardedRegex.Outcome.MATCH) {
        selected.add(name);
      } else if (outcome == GuardedRegex.Outcome.TOO_SLOW) {
        slow.add(name);
      }
    }
    tooSlow = Collections.unmodifiableSet(slow);
    Map<String, Integer> found = new TreeMap<>();
    if (!selected.isEmpty()) {
      Map<String, TopicDescription> described =
          admin.describeTopics(selected).allTopicNames().get(REQUEST_SECONDS, TimeUnit.SECONDS);
      described.forEach((name, d) -> found.put(name, d.partitions().size()));
    }
    Map<String, Integer> now = Collections.unmodifiableMap(found);
    if (!now.equals(topics)) {
      Map<String, Integer> before = topics;
      topics = now;
      try {
        onChange.accept(now);
      } catch (RuntimeException e) {
        topics = before; // the next refresh tells the listener again
        throw e;
      }
      LOG.info("business topics: {}", now.keySet());
    }
  }

  private GuardedRegex.Outcome judge(String name) {
    GuardedRegex.Outcome outcome = regex.matches(name);
    if (outcome == GuardedRegex.Outcome.TOO_SLOW) {
      LOG.error("tracker.topics '{}' took too long to decide on topic '{}' (catastrophic backtracking?): the topic is"
          + " not read; simplify the regular expression", regex.pattern().pattern(), name);
    }
    return outcome;
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
    admin.close(Duration.ofSeconds(5));
  }
}
