package io.choreography.tracker.service.health;

import org.elasticsearch.client.Request;
import org.elasticsearch.client.RequestOptions;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.RestClient;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Elasticsearch is up when cluster health answers green or yellow (a single node is yellow with replicas). */
@Component("elasticsearch")
public class ElasticsearchHealthIndicator extends AbstractHealthIndicator {

  private final RestClient client;
  private final JsonMapper json;

  public ElasticsearchHealthIndicator(RestClient client, JsonMapper json) {
    super("Elasticsearch health check failed");
    this.client = client;
    this.json = json;
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) throws Exception {
    Request request = new Request("GET", "/_cluster/health");
    request.setOptions(RequestOptions.DEFAULT);
    Response response = client.performRequest(request);
    JsonNode health = json.readTree(response.getEntity().getContent());
    String status = health.path("status").asString();
    builder.withDetail("cluster", health.path("cluster_name").asString()).withDetail("status", status);
    if ("red".equals(status)) {
      builder.down();
    } else {
      builder.up();
    }
  }
}
