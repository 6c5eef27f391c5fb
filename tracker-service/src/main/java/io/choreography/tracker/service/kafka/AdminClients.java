package io.choreography.tracker.service.kafka;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;

/** Admin client settings: Spring's Kafka connection settings and a client id that says who asks. */
public final class AdminClients {

  private AdminClients() {}

  public static Map<String, Object> properties(KafkaProperties kafka, String clientId) {
    Map<String, Object> props = new HashMap<>(kafka.buildAdminProperties());
    props.put(AdminClientConfig.CLIENT_ID_CONFIG, clientId);
    return props;
  }
}
