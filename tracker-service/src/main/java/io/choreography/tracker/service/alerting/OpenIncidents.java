package io.choreography.tracker.service.alerting;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tags;
import java.util.Map;
import java.util.HashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The incidents open right now, by id, as the incident topic tells them, and the gauges computed from them:
 * {@code tracker_incidents_open{process,type}} and {@code tracker_instances_stuck{process,step}} (open STUCK
 * incidents: one per instance and step). A label set once seen stays at 0 instead of vanishing, so alert rules
 * see the recovery.
 *
 * <p>Memory: one small entry (id, process, type, step: about 200 bytes) per incident open now, plus one per label
 * set seen; resolved incidents are dropped. 100,000 open incidents take about 20 MB.
 */
final class OpenIncidents {

  private static final String OPEN = "tracker.incidents.open";
  private static final String OPEN_DESCRIPTION = "Incidents open now (OPEN or ACKNOWLEDGED)";
  private static final String STUCK = "tracker.instances.stuck";
  private static final String STUCK_DESCRIPTION = "Instances stuck now: open STUCK incidents, by the step they wait for";

  private record Open(String process, String type, String step) {}

  private final Map<String, Open> open = new ConcurrentHashMap<>();
  private final MeterRegistry registry;
  /**
   * One gauge per label set, registered once and then only updated: re-registering gauges while a scrape reads
   * them makes the Prometheus registry fail that scrape with duplicate labels.
   */
  private final Map<Tags, AtomicInteger> openGauges = new ConcurrentHashMap<>();
  private final Map<Tags, AtomicInteger> stuckGauges = new ConcurrentHashMap<>();

  OpenIncidents(MeterRegistry registry) {
    this.registry = registry;
  }

  void apply(IncidentEvent event) {
    String id = event.incidentId();
    if (event.resolves()) {
      open.remove(id);
    } else {
      open.put(id, new Open(event.incident().process(), event.incident().type().name(),
          orDash(event.incident().step())));
    }
  }

  int size() {
    return open.size();
  }

  /** Publishes the current counts to the gauges. */
  void publish() {
    Map<Tags, Integer> byType = new HashMap<>();
    Map<Tags, Integer> byStep = new HashMap<>();
    for (Open o : open.values()) {
      byType.merge(Tags.of("process", o.process(), "type", o.type()), 1, Integer::sum);
      if ("STUCK".equals(o.type())) {
        byStep.merge(Tags.of("process", o.process(), "step", o.step()), 1, Integer::sum);
      }
    }
    update(openGauges, byType, OPEN, OPEN_DESCRIPTION);
    update(stuckGauges, byStep, STUCK, STUCK_DESCRIPTION);
  }

  private void update(Map<Tags, AtomicInteger> gauges, Map<Tags, Integer> counts, String name, String description) {
    for (Tags tags : counts.keySet()) {
      gauges.computeIfAbsent(tags, t -> {
        AtomicInteger value = new AtomicInteger();
        Gauge.builder(name, value, AtomicInteger::get).tags(t).description(description).strongReference(true)
            .register(registry);
        return value;
      });
    }
    gauges.forEach((tags, value) -> value.set(counts.getOrDefault(tags, 0)));
  }

  private static String orDash(String v) {
    return v == null ? "-" : v;
  }
}
