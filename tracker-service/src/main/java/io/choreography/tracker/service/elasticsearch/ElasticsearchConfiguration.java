package io.choreography.tracker.service.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.jackson.Jackson3JsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import io.choreography.tracker.service.config.TrackerProperties;
import io.choreography.tracker.service.local.LocalInfrastructure;
import org.apache.http.HttpHost;
import org.apache.http.auth.AuthScope;
import org.apache.http.auth.UsernamePasswordCredentials;
import org.apache.http.impl.client.BasicCredentialsProvider;
import org.elasticsearch.client.RestClient;
import org.elasticsearch.client.RestClientBuilder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The Elasticsearch client. The 8.19 Java client talks to 8.x and 9.x servers; it is declared here rather than
 * through Spring Boot's starter, whose 9.x client cannot talk to an 8.x server.
 */
@Configuration(proxyBeanMethods = false)
public class ElasticsearchConfiguration {

  @Bean(destroyMethod = "close")
  public RestClient elasticsearchRestClient(TrackerProperties tracker, ObjectProvider<LocalInfrastructure> local) {
    local.ifAvailable(l -> {}); // in local mode, the node must be up before anyone connects
    TrackerProperties.Elasticsearch es = tracker.elasticsearch();
    HttpHost[] hosts = es.uris().stream().map(HttpHost::create).toArray(HttpHost[]::new);
    RestClientBuilder builder = RestClient.builder(hosts)
        .setRequestConfigCallback(rc -> rc.setConnectTimeout(5_000).setSocketTimeout(60_000));
    if (es.username() != null && !es.username().isBlank()) {
      BasicCredentialsProvider credentials = new BasicCredentialsProvider();
      credentials.setCredentials(AuthScope.ANY, new UsernamePasswordCredentials(es.username(), es.password()));
      builder.setHttpClientConfigCallback(hc -> hc.setDefaultCredentialsProvider(credentials));
    }
    return builder.build();
  }

  @Bean
  public ElasticsearchClient elasticsearchClient(RestClient restClient) {
    return new ElasticsearchClient(new RestClientTransport(restClient, new Jackson3JsonpMapper()));
  }

  @Bean
  public IndexNames indexNames(TrackerProperties tracker) {
    TrackerProperties.Elasticsearch es = tracker.elasticsearch();
    return new IndexNames(es.indexPrefix(), es.dailyIndexPast(), es.dailyIndexFuture());
  }
}
