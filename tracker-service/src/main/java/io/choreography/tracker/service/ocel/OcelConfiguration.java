package io.choreography.tracker.service.ocel;

import io.choreography.tracker.service.elasticsearch.IndexNames;
import org.elasticsearch.client.RestClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/** Wiring of the OCEL export of {@code GET /api/export/ocel}. */
@Configuration(proxyBeanMethods = false)
public class OcelConfiguration {

  @Bean(destroyMethod = "close")
  public OcelExports ocelExports(RestClient client, JsonMapper json, IndexNames names) {
    return new OcelExports(new OcelExport(client, json, names));
  }
}
