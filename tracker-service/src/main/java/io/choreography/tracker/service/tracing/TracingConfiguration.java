package io.choreography.tracker.service.tracing;

import io.choreography.tracker.service.config.TrackerProperties;
import io.choreography.tracker.service.local.LocalInfrastructure;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;

/**
 * The tracker's own spans (docs/tracing.md): export is on when an OTLP endpoint is configured ({@code
 * OTEL_EXPORTER_OTLP_ENDPOINT}, or {@code otel.exporter.otlp.endpoint} as a system property or in the tracker's
 * configuration), off otherwise; instance traces in addition with {@code tracker.tracing.instances=true}.
 */
@Configuration(proxyBeanMethods = false)
public class TracingConfiguration {

  private static final String OTEL_PREFIX = "otel.";

  @Bean
  public TrackerTelemetry trackerTelemetry(ConfigurableEnvironment environment) {
    return TrackerTelemetry.of(environment::getProperty, otelProperties(environment));
  }

  @Bean
  public RecordSpans recordSpans(TrackerTelemetry telemetry, TrackerProperties tracker) {
    return new RecordSpans(telemetry, tracker.ingest().groupId());
  }

  @Bean
  @ConditionalOnProperty(name = "tracker.tracing.instances", havingValue = "true")
  public InstanceTraces instanceTraces(TrackerTelemetry telemetry, KafkaProperties kafka,
      ObjectProvider<LocalInfrastructure> local,
      @Value("${tracker.tracking.instances-topic:tracker.instances}") String instancesTopic,
      @Value("${tracker.tracing.instances-group-id:tracker-instance-traces}") String groupId,
      @Value("${tracker.tracing.instances-remembered:100000}") int remembered) {
    local.ifAvailable(l -> {});
    Map<String, Object> props = new HashMap<>(kafka.buildConsumerProperties());
    props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false); // the container commits after each traced batch
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, "tracker-instance-traces");
    return new InstanceTraces(telemetry.enabled(), instancesTopic, props, new InstanceSpans(telemetry.tracer(), telemetry.ids()),
        remembered);
  }

  /** Every {@code otel.*} property of the tracker's configuration (files, command line, test properties). */
  static Map<String, String> otelProperties(ConfigurableEnvironment environment) {
    Map<String, String> found = new LinkedHashMap<>();
    for (PropertySource<?> source : environment.getPropertySources()) {
      if (source instanceof EnumerablePropertySource<?> names) {
        for (String name : names.getPropertyNames()) {
          if (name.startsWith(OTEL_PREFIX) && !found.containsKey(name)) {
            String value = environment.getProperty(name);
            if (value != null) {
              found.put(name, value);
            }
          }
        }
      }
    }
    return found;
  }
}
