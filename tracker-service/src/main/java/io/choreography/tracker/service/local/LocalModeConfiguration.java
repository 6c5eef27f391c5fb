package io.choreography.tracker.service.local;

import io.choreography.tracker.service.config.TrackerProperties;
import java.net.URI;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@code tracker.local=true}: a real Kafka broker and Elasticsearch node at the configured addresses, started
 * before anything connects to them and stopped after everything else.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty("tracker.local")
public class LocalModeConfiguration {

  @Bean(destroyMethod = "close")
  public LocalInfrastructure localInfrastructure(TrackerProperties tracker, KafkaProperties kafka) throws Exception {
    int kafkaPort = port(kafka.getBootstrapServers(), "spring.kafka.bootstrap-servers");
    URI es = URI.create(tracker.elasticsearch().uris().get(0));
    if (es.getPort() <= 0) {
      throw new IllegalArgumentException(
          "tracker.local needs an explicit port in tracker.elasticsearch.uris, but was " + es);
    }
    return LocalInfrastructure.start(tracker.localMode().dir(), kafkaPort, es.getPort(),
        tracker.localMode().elasticsearchHeapMb(), System.out);
  }

  static int port(List<String> bootstrapServers, String property) {
    String first = bootstrapServers.get(0);
    int colon = first.lastIndexOf(':');
    try {
      return Integer.parseInt(first.substring(colon + 1));
    } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
      throw new IllegalArgumentException(property + " must be host:port for tracker.local, but was " + first);
    }
  }
}
