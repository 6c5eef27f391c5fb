package io.choreography.tracker.service.api.analytics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * {@code tracker_conformance_ratio{process}} (share of the instances that ended within the window without any
 * incident; NaN while none ended) and {@code tracker_conformance_ended{process}} (how many ended), for every defined
 * process. The figures are read from Elasticsearch in the background and kept in memory, so a scrape never waits for
 * a search; a failed refresh keeps the previous figures.
 */
public final class ConformanceGauges implements SmartLifecycle {

  private static final Logger LOG = LoggerFactory.getLogger(ConformanceGauges.class);

  private final BiFunction<Instant, Instant, Map<String, Conformance.Rate>> rates;
  private final InstantSource clock;
  private final Duration window;
  private final Duration refresh;
  private volatile Map<String, Conformance.Rate> figures = Map.of();
  private ScheduledExecutorService scheduler;

  /**
   * @param rates the rates of every process with instances ended in {@code [from, to)}
   * @param window how far back the ended instances are counted
   * @param refresh how often the figures are read again
   */
  public ConformanceGauges(Collection<String> processes, MeterRegistry registry,
      BiFunction<Instant, Instant, Map<String, Conformance.Rate>> rates, InstantSource clock, Duration window,
      Duration refresh) {
    this.rates = rates;
    this.clock = clock;
    this.window = window;
    this.refresh = refresh;
    for (String process : processes) {
      Gauge.builder("tracker.conformance.ratio", this, g -> g.rate(process).ratio())
          .tag("process", process)
          .description("Share of the instances ended in the last " + window + " without any incident")
          .register(registry);
      Gauge.builder("tracker.conformance.ended", this, g -> g.rate(process).ended())
          .tag("process", process)
          .description("Instances ended in the last " + window)
          .register(registry);
    }
  }

  Conformance.Rate rate(String process) {
    return figures.getOrDefault(process, new Conformance.Rate(0, 0));
  }

  /** Reads the figures of every process once. */
  public void refresh() {
    try {
      Instant to = clock.instant();
      figures = Map.copyOf(rates.apply(to.minus(window), to));
    } catch (RuntimeException e) {
      LOG.debug("conformance figures not refreshed: {}", e.toString());
    }
  }

  @Override
  public synchronized void start() {
    if (scheduler != null) {
      return;
    }
    scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "tracker-conformance-gauges");
      t.setDaemon(true);
      return t;
    });
    scheduler.scheduleWithFixedDelay(this::refresh, 0, refresh.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public synchronized void stop() {
    if (scheduler != null) {
      scheduler.shutdownNow();
      scheduler = null;
    }
  }

  @Override
  public synchronized boolean isRunning() {
    return scheduler != null;
  }
}
