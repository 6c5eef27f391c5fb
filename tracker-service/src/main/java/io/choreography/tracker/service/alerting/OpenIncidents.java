package io.choreography.tracker.service.alerting;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.HashMap;
import java.util.concurrent.ConcurrentHashMap;

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

  private record Open(String process, String type, String step) {}

  private final Map<String, Open> open = new ConcurrentHashMap<>();
  private final Set<Tags> seenOpen = ConcurrentHashMap.newKeySet();
  private final Set<Tags> seenStuck = ConcurrentHashMap.newKeySet();
  private final MultiGauge openGauge;
  private final MultiGauge stuckGauge;

  OpenIncidents(MeterRegistry registry) {
    openGauge = MultiGauge.builder("tracker.incidents.open").description("Incidents open now (OPEN or ACKNOWLEDGED)")
        .register(registry);
    stuckGauge = MultiGauge.builder("tracker.instances.stuck")
        .description("Instances stuck now: open STUCK incidents, by the step they wait for").register(registry);
  }

  void apply(IncidentEvent event) {
    String id = event.incidentId();
    if (event.resolves()) {
      open.remove(id);
    } else {
      open.put(id, new Open(orDash(event.field("process")), orDash(event.field("type")), orDash(event.field("step"))));
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
    openGauge.register(rows(byType, seenOpen), true);
    stuckGauge.register(rows(byStep, seenStuck), true);
  }

  private static List<MultiGauge.Row<?>> rows(Map<Tags, Integer> counts, Set<Tags> seen) {
    seen.addAll(counts.keySet());
    List<MultiGauge.Row<?>> rows = new ArrayList<>();
    for (Tags tags : seen) {
      rows.add(MultiGauge.Row.of(tags, counts.getOrDefault(tags, 0)));
    }
    return rows;
  }

  private static String orDash(String v) {
    return v == null ? "-" : v;
  }
}
