package io.choreography.tracker.service.demo;

import io.choreography.tracker.service.config.TrackerProperties;
import io.choreography.tracker.service.local.LocalInfrastructure;
import io.choreography.tracker.service.security.ApiKeyHint;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import tools.jackson.databind.json.JsonMapper;

/** {@code tracker.demo=true}: the simulated services of the order-fulfillment demo. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty("tracker.demo")
public class DemoConfiguration {

  @Bean
  public DemoServices demoServices(KafkaProperties kafka, TrackerProperties tracker, JsonMapper json,
      ObjectProvider<LocalInfrastructure> local, ObjectProvider<ApiKeyHint> apiKey, Environment environment) {
    local.ifAvailable(l -> {});
    Map<String, Object> producer = new HashMap<>(kafka.buildProducerProperties());
    producer.put(ProducerConfig.CLIENT_ID_CONFIG, "demo-services");
    producer.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    return new DemoServices(producer, new HashMap<>(kafka.buildAdminProperties()), tracker.demoMode(), json,
        apiKey.getIfAvailable(() -> new ApiKeyHint("")).curlHeader(),
        () -> "localhost:" + environment.getProperty("local.server.port", environment.getProperty("server.port", "8080")));
  }
}
