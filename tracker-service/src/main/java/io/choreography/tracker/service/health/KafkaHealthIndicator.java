package io.choreography.tracker.service.health;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.stereotype.Component;

/** Kafka is up when the cluster can be described within 3 seconds. */
@Component("kafka")
public class KafkaHealthIndicator extends AbstractHealthIndicator implements DisposableBean {

  private final Map<String, Object> adminProperties;
  private volatile Admin admin;

  public KafkaHealthIndicator(KafkaProperties kafka) {
    super("Kafka health check failed");
    this.adminProperties = new HashMap<>(kafka.buildAdminProperties());
    this.adminProperties.put(AdminClientConfig.CLIENT_ID_CONFIG, "tracker-health");
    this.adminProperties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000);
    this.adminProperties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000);
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) throws Exception {
    var cluster = admin().describeCluster(new DescribeClusterOptions().timeoutMs(3000));
    builder.up()
        .withDetail("clusterId", cluster.clusterId().get(3, TimeUnit.SECONDS))
        .withDetail("brokers", cluster.nodes().get(3, TimeUnit.SECONDS).size());
  }

  private Admin admin() {
    Admin a = admin;
    if (a == null) {
      synchronized (this) {
        if (admin == null) {
          admin = Admin.create(adminProperties);
        }
        a = admin;
      }
    }
    return a;
  }

  @Override
  public void destroy() {
    if (admin != null) {
      admin.close();
    }
  }
}
