package io.choreography.tracker.service.health;

import io.choreography.tracker.service.config.TrackerProperties;
import io.choreography.tracker.service.ingest.Forwarder;
import io.choreography.tracker.service.kafka.AdminClients;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.apache.kafka.clients.admin.Admin;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The pipeline's health as metrics: {@code tracker_pipeline_up} and {@code tracker_indexer_lag_records}. */
@Configuration(proxyBeanMethods = false)
public class HealthConfiguration {

  @Bean(destroyMethod = "close")
  public PipelineLag pipelineLag(TrackerProperties tracker, KafkaProperties kafka, Forwarder forwarder,
      MeterRegistry registry, PipelineHealthIndicator pipeline) {
    TrackerProperties.Ingest ingest = tracker.ingest();
    PipelineLag lag = new PipelineLag(Admin.create(AdminClients.properties(kafka, "tracker-lag")), ingest.groupId(),
        forwarder::topics, ingest.indexerGroupId(), ingest.intakeTopic());
    lag.start(Duration.ofSeconds(5));
    Gauge.builder("tracker.pipeline.up", pipeline, p -> p.allUp() ? 1 : 0)
        .description("1 while every stage of the pipeline runs and its writes succeed (see /actuator/health)")
        .register(registry);
    Gauge.builder("tracker.indexer.lag.records", lag, PipelineLag::records)
        .description("Records not yet indexed: business records not yet forwarded plus intake records not yet written"
            + " to Elasticsearch (-1 while the broker cannot be asked)")
        .register(registry);
    return lag;
  }
}
