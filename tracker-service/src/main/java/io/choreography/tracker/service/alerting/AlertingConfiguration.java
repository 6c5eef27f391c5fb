package io.choreography.tracker.service.alerting;

import io.choreography.tracker.service.local.LocalInfrastructure;
import io.micrometer.core.instrument.MeterRegistry;
import io.choreography.tracker.service.kafka.SinkContainer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.MicrometerConsumerListener;
import tools.jackson.databind.json.JsonMapper;

/**
 * Webhooks for opened and resolved incidents, incidents as Alertmanager alerts, and the gauges of open incidents and
 * stuck instances.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AlertingProperties.class)
public class AlertingConfiguration {

  @Bean
  public SmartLifecycle incidentAlerts(AlertingProperties alerts, KafkaProperties kafka, JsonMapper json,
      MeterRegistry registry, ObjectProvider<LocalInfrastructure> local) {
    local.ifAvailable(l -> {});
    List<WebhookWorker> workers = new ArrayList<>();
    for (int i = 0; i < alerts.webhooks().size(); i++) {
      AlertingProperties.Webhook w = alerts.webhooks().get(i);
      workers.add(new WebhookWorker(i, w, alerts.retry(), alerts.requestTimeout(),
          new AlertingMetrics(registry, i, w.url().getHost()), json, Clock.systemUTC()));
    }
    return alertConsumer("tracker-incident-alerts", alerts.incidentsTopic(),
        alertConsumerProperties(kafka, alerts.groupId(), "tracker-alerts"), workers, registry, !workers.isEmpty());
  }

  /**
   * Alertmanager has a consumer (and group) of its own: the consumer commits only once each of its sinks delivered,
   * so sharing one with the webhooks would let a dead Alertmanager hold up their notifications.
   */
  @Bean
  public SmartLifecycle alertmanagerAlerts(AlertingProperties alerts, KafkaProperties kafka, JsonMapper json,
      MeterRegistry registry, ObjectProvider<LocalInfrastructure> local) {
    AlertingProperties.Alertmanager settings = alerts.alertmanager();
    if (!settings.enabled()) {
      return lifecycle(null, () -> {}, () -> false);
    }
    local.ifAvailable(l -> {});
    AlertmanagerSink sink = new AlertmanagerSink(settings, alerts.retry(), alerts.requestTimeout(), registry, json,
        Clock.systemUTC());
    return alertConsumer("tracker-alertmanager-alerts", alerts.incidentsTopic(),
        alertConsumerProperties(kafka, settings.groupId(), "tracker-alertmanager"), List.of(sink), registry, true);
  }

  /**
   * A listener container on the incident topic whose sink hands each event to {@code sinks}: started with them,
   * stopped before them (what was not delivered is not committed and is read again at the next start).
   */
  private static SmartLifecycle alertConsumer(String name, String topic, Map<String, Object> props,
      List<? extends IncidentSink> sinks, MeterRegistry registry, boolean enabled) {
    IncidentFanOut fanOut = new IncidentFanOut(sinks);
    DefaultKafkaConsumerFactory<byte[], byte[]> consumers = new DefaultKafkaConsumerFactory<>(props,
        new ByteArrayDeserializer(), new ByteArrayDeserializer());
    consumers.addListener(new MicrometerConsumerListener<>(registry));
    SinkContainer container = new SinkContainer(new SinkContainer.Settings(name, List.of(topic), Duration.ZERO,
        SmartLifecycle.DEFAULT_PHASE), consumers, fanOut);
    return lifecycle(enabled ? () -> {
      fanOut.start();
      container.start();
    } : null, () -> {
      container.stop();
      fanOut.stop();
    }, container::isRunning);
  }

  private static Map<String, Object> alertConsumerProperties(KafkaProperties kafka, String groupId, String clientId) {
    Map<String, Object> props = new HashMap<>(kafka.buildConsumerProperties());
    props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    // a first start reads the history; what is older than retry.max-age is skipped, not sent
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
    return props;
  }

  @Bean
  public SmartLifecycle openIncidentGauges(AlertingProperties alerts, KafkaProperties kafka,
      MeterRegistry registry, ObjectProvider<LocalInfrastructure> local) {
    local.ifAvailable(l -> {});
    Map<String, Object> props = new HashMap<>(kafka.buildConsumerProperties());
    props.remove(ConsumerConfig.GROUP_ID_CONFIG); // assigned partitions, no group: every process reads everything
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, "tracker-open-incidents");
    OpenIncidentsReader reader = new OpenIncidentsReader(alerts.incidentsTopic(), props, new OpenIncidents(registry));
    return lifecycle(alerts.gauges() ? reader::start : null, reader::stop, reader::isRunning);
  }

  private static SmartLifecycle lifecycle(Runnable start, Runnable stop, java.util.function.BooleanSupplier running) {
    return new SmartLifecycle() {
      @Override
      public void start() {
        if (start != null) {
          start.run();
        }
      }

      @Override
      public void stop() {
        stop.run();
      }

      @Override
      public boolean isRunning() {
        return running.getAsBoolean();
      }
    };
  }
}
