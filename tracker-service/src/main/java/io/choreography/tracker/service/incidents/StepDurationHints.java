package io.choreography.tracker.service.incidents;

import io.choreography.tracker.rules.engine.Durations;
import io.choreography.tracker.rules.engine.StuckMessageHint;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Ends STUCK messages with the step's observed p95 duration ("; p95 of this step is 40s"). The figures are read
 * from Elasticsearch in the background and kept in memory: the tracking thread only reads a map, never waits for a
 * search. A step without figures yet, or while Elasticsearch is unreachable at the first refresh, gets no hint.
 */
public final class StepDurationHints implements StuckMessageHint, SmartLifecycle {

  private static final Logger LOG = LoggerFactory.getLogger(StepDurationHints.class);

  private final Collection<String> processes;
  private final Function<String, Map<String, Double>> p95ByStep;
  private final Duration refresh;
  private volatile Map<String, Map<String, Double>> figures = Map.of();
  private ScheduledExecutorService scheduler;

  /**
   * @param processes the process ids
   * @param p95ByStep the p95 duration in milliseconds of each step of a process that has one
   * @param refresh how often the figures are read again
   */
  public StepDurationHints(Collection<String> processes, Function<String, Map<String, Double>> p95ByStep,
      Duration refresh) {
    this.processes = processes;
    this.p95ByStep = p95ByStep;
    this.refresh = refresh;
  }

  @Override
  public String suffix(String process, String step) {
    Double p95 = figures.getOrDefault(process, Map.of()).get(step);
    return p95 == null ? "" : "; p95 of this step is " + Durations.format(Math.round(p95));
  }

  /** Reads every process's figures; a process that fails keeps its previous ones. */
  public void refresh() {
    Map<String, Map<String, Double>> next = new HashMap<>(figures);
    for (String process : processes) {
      try {
        next.put(process, Map.copyOf(p95ByStep.apply(process)));
      } catch (RuntimeException e) {
        LOG.debug("step durations of {} not refreshed: {}", process, e.toString());
      }
    }
    figures = Map.copyOf(next);
  }

  @Override
  public synchronized void start() {
    if (scheduler != null) {
      return;
    }
    scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "tracker-step-duration-hints");
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
