package io.choreography.tracker.service.tracking;

import io.choreography.tracker.model.IncidentType;
import io.choreography.tracker.rules.tracking.TrackerCounters;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** What the tracking topology counts ({@code tracker.tracking.*} meters): the tracker's counters and its ticks. */
public final class TrackingMetrics implements TrackerCounters {

  private final Counter events;
  private final Counter duplicates;
  private final Counter reordered;
  private final Counter created;
  private final Counter expired;
  private final Counter skipped;
  private final Counter uncorrelated;
  private final Counter dueVisited;
  private final Timer punctuation;
  private final Map<IncidentType, Counter> opened = new EnumMap<>(IncidentType.class);

  public TrackingMetrics(MeterRegistry registry) {
    events = Counter.builder("tracker.tracking.events").description("step matches applied to instances")
        .register(registry);
    duplicates = Counter.builder("tracker.tracking.duplicates").description("events already applied (redelivery)")
        .register(registry);
    reordered = Counter.builder("tracker.tracking.reordered")
        .description("early events confirmed as transport reordering").register(registry);
    created = Counter.builder("tracker.tracking.instances.created")
        .description("instances started: first step matches of a trace in a process").register(registry);
    expired = Counter.builder("tracker.tracking.instances.expired")
        .description("ended instances removed from the store after the retention").register(registry);
    skipped = Counter.builder("tracker.tracking.records.skipped")
        .description("records the tracker could not read or whose process is no longer defined").register(registry);
    uncorrelated = Counter.builder("tracker.tracking.uncorrelated").description("step matches without a trace id")
        .register(registry);
    dueVisited = Counter.builder("tracker.tracking.timers.visited")
        .description("due-index entries the punctuator visited").register(registry);
    punctuation = Timer.builder("tracker.tracking.punctuation").description("one wall-clock tick of the timers")
        .register(registry);
    for (IncidentType t : IncidentType.values()) {
      opened.put(t, Counter.builder("tracker.tracking.incidents.opened").tag("type", t.name())
          .description("incidents opened, by type").register(registry));
    }
  }

  @Override
  public void event() {
    events.increment();
  }

  @Override
  public void duplicate() {
    duplicates.increment();
  }

  @Override
  public void reordered(int count) {
    if (count > 0) {
      reordered.increment(count);
    }
  }

  @Override
  public void created() {
    created.increment();
  }

  @Override
  public void expired() {
    expired.increment();
  }

  @Override
  public void skipped() {
    skipped.increment();
  }

  @Override
  public void uncorrelated() {
    uncorrelated.increment();
  }

  @Override
  public void opened(IncidentType type) {
    opened.get(type).increment();
  }

  @Override
  public void timersVisited(int count) {
    dueVisited.increment(count);
  }

  void punctuation(long nanos) {
    punctuation.record(nanos, TimeUnit.NANOSECONDS);
  }

  /** Due-index entries visited so far (tests and the benchmark read it). */
  public double timersVisited() {
    return dueVisited.count();
  }

  /** Punctuations so far and their total time (the benchmark reads them). */
  public long punctuations() {
    return punctuation.count();
  }

  public double punctuationNanos() {
    return punctuation.totalTime(TimeUnit.NANOSECONDS);
  }

  public double eventsTracked() {
    return events.count();
  }

  public double duplicates() {
    return duplicates.count();
  }
}
