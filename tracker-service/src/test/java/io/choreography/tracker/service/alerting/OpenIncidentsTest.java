package io.choreography.tracker.service.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class OpenIncidentsTest {

  static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

  final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  final OpenIncidents incidents = new OpenIncidents(registry);

  @Test
  void shouldCountOpenIncidentsAndKeepALabelSetAtZeroOnceResolved() {
    // given
    incidents.apply(event("i1", IncidentEvent.OPENED, "STUCK", "payment-received"));
    incidents.apply(event("i2", IncidentEvent.OPENED, "STUCK", "payment-received"));
    incidents.apply(event("i3", IncidentEvent.OPENED, "DEADLINE", null));
    incidents.publish();
    assertThat(registry.scrape()).contains("tracker_incidents_open{process=\"order-fulfillment\",type=\"STUCK\"} 2")
        .contains("tracker_incidents_open{process=\"order-fulfillment\",type=\"DEADLINE\"} 1")
        .contains("tracker_instances_stuck{process=\"order-fulfillment\",step=\"payment-received\"} 2");

    // when
    incidents.apply(event("i1", IncidentEvent.RESOLVED, "STUCK", "payment-received"));
    incidents.apply(event("i2", IncidentEvent.RESOLVED, "STUCK", "payment-received"));
    incidents.apply(event("i3", IncidentEvent.RESOLVED, "DEADLINE", null));
    incidents.publish();

    // then
    assertThat(registry.scrape()).contains("tracker_incidents_open{process=\"order-fulfillment\",type=\"STUCK\"} 0")
        .contains("tracker_incidents_open{process=\"order-fulfillment\",type=\"DEADLINE\"} 0")
        .contains("tracker_instances_stuck{process=\"order-fulfillment\",step=\"payment-received\"} 0");
  }

  @Test
  void shouldNeverFailAScrapeWhileTheGaugesAreUpdated() throws Exception {
    // given: a scraper running all the time, as Prometheus would
    AtomicBoolean running = new AtomicBoolean(true);
    List<Throwable> failures = new ArrayList<>();
    Thread scraper = new Thread(() -> {
      while (running.get()) {
        try {
          registry.scrape();
        } catch (RuntimeException e) {
          synchronized (failures) {
            failures.add(e);
          }
        }
      }
    });
    scraper.start();

    // when: incidents open and resolve and the gauges are published many times over
    for (int i = 0; i < 20_000; i++) {
      String type = i % 2 == 0 ? "STUCK" : "DEADLINE";
      incidents.apply(event("i" + (i % 50), i % 3 == 0 ? IncidentEvent.RESOLVED : IncidentEvent.OPENED, type,
          "step-" + (i % 5)));
      incidents.publish();
    }
    running.set(false);
    scraper.join();

    // then
    assertThat(failures).isEmpty();
  }

  private static IncidentEvent event(String id, String type, String incidentType, String step) {
    return TestIncidentEvents.event(type.equals(IncidentEvent.RESOLVED) ? "RESOLVED" : "OPENED", id, incidentType,
        "t-" + id, step, NOW);
  }
}
