package io.choreography.tracker.service.alerting;

import io.choreography.tracker.service.ingest.EventIngestor;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * {@code tracker_indexer_lag_records}: the indexer's consumer lag. {@code tracker_pipeline_up}: 1 while the event indexer runs and its last Elasticsearch write succeeded, else 0;
 * the same judgement as the {@code pipeline} health component, as a metric an alert rule can use.
 */
final class PipelineGauge {

  private PipelineGauge() {}

  static void register(MeterRegistry registry, EventIngestor ingestor) {
    Gauge.builder("tracker.pipeline.up", ingestor, i -> i.isAlive() && i.lastWriteFailure() == null ? 1 : 0)
        .description("1 while the event indexer runs and Elasticsearch accepts its writes").register(registry);
    Gauge.builder("tracker.indexer.lag.records", ingestor, EventIngestor::lag)
        .description("Records of the business topics not yet read by the event indexer").register(registry);
  }
}
