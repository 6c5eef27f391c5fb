package io.choreography.tracker.service.stream;

import io.choreography.tracker.service.local.LocalInfrastructure;
import io.micrometer.core.instrument.MeterRegistry;
import io.choreography.tracker.service.kafka.SinkContainer;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import tools.jackson.databind.json.JsonMapper;

/** The live stream: events from the indexer, instance changes and incidents from their topics, to SSE clients. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(StreamProperties.class)
public class StreamConfiguration {

  @Bean
  StreamHub streamHub(JsonMapper json, MeterRegistry registry, StreamProperties settings) {
    return new StreamHub(json, registry, settings.resumeBuffer());
  }

  @Bean
  SmartLifecycle streamLifecycle(StreamHub hub, StreamProperties settings, KafkaProperties kafka, JsonMapper json,
      ObjectProvider<LocalInfrastructure> local) {
    local.ifAvailable(l -> {});
    Map<String, Object> props = new HashMap<>(kafka.buildConsumerProperties());
    // a group of its own per process: every process sees everything; from now on, nothing committed
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "tracker-stream-" + UUID.randomUUID());
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, "tracker-stream");
    SinkContainer reader = SinkContainer.withoutCommits(new SinkContainer.Settings("tracker-stream-topics",
        List.of(settings.instancesTopic(), settings.incidentsTopic()), Duration.ZERO, SmartLifecycle.DEFAULT_PHASE),
        new DefaultKafkaConsumerFactory<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer()),
        new TrackerTopicsReader(settings.instancesTopic(), hub));
    return new SmartLifecycle() {
      private ScheduledExecutorService heartbeats;

      @Override
      public void start() {
        hub.start();
        reader.start();
        heartbeats = Executors.newSingleThreadScheduledExecutor(r -> {
          Thread t = new Thread(r, "tracker-stream-heartbeat");
          t.setDaemon(true);
          return t;
        });
        long period = settings.heartbeat().toMillis();
        heartbeats.scheduleAtFixedRate(hub::heartbeat, period, period, TimeUnit.MILLISECONDS);
      }

      @Override
      public void stop() {
        heartbeats.shutdownNow();
        reader.stop();
        hub.stop();
      }

      @Override
      public boolean isRunning() {
        return hub.isRunning();
      }
    };
  }
}
