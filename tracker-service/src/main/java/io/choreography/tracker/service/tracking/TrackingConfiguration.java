package io.choreography.tracker.service.tracking;

import io.choreography.tracker.rules.definition.ProcessDefinitions;
import io.choreography.tracker.rules.engine.StuckMessageHint;
import io.choreography.tracker.service.config.TrackerProperties;
import io.choreography.tracker.service.ingest.IntakeTopic;
import io.choreography.tracker.service.local.LocalInfrastructure;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wiring of the tracking topology ({@code tracker.tracking.enabled}, default true). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TrackingProperties.class)
@ConditionalOnBooleanProperty(name = "tracker.tracking.enabled", matchIfMissing = true)
public class TrackingConfiguration {

  @Bean
  public TrackingMetrics trackingMetrics(MeterRegistry registry) {
    return new TrackingMetrics(registry);
  }

  @Bean
  public TrackingStreams trackingStreams(TrackerProperties tracker, TrackingProperties settings, KafkaProperties kafka,
      ProcessDefinitions definitions, TrackingMetrics metrics, VerdictLag verdictLag,
      ObjectProvider<LocalInfrastructure> local, ObjectProvider<StuckMessageHint> hint) {
    // created after the local broker, hence stopped and destroyed before it
    local.ifAvailable(l -> {});
    IntakeTopic intake = new IntakeTopic(kafka, tracker.ingest().intakeTopic(), settings.partitions());
    return new TrackingStreams(
        TrackingTopology.build(tracker.ingest().intakeTopic(), definitions, settings, metrics, verdictLag,
            TrackingStores.dueIndexSupplier(), hint.getIfAvailable(() -> StuckMessageHint.NONE), intake::partitions),
        TrackingStreamsConfig.of(kafka, tracker, settings),
        TrackingTopics.outputs(settings, definitions), settings.partitions(), intake);
  }

  @Bean
  public VerdictLag verdictLag(MeterRegistry registry) {
    return new VerdictLag(registry);
  }

  @Bean
  public InstanceStore instanceStore(TrackingStreams streams, ProcessDefinitions definitions) {
    return new InstanceStore(streams, definitions);
  }

  @Bean
  public TrackingHealthIndicator trackingHealthIndicator(TrackingStreams streams, VerdictLag verdictLag) {
    return new TrackingHealthIndicator(streams, verdictLag);
  }
}
