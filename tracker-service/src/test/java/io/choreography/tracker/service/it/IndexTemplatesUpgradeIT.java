package io.choreography.tracker.service.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.choreography.tracker.service.elasticsearch.IndexNames;
import io.choreography.tracker.service.elasticsearch.IndexTemplates;
import org.apache.http.HttpHost;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.Test;

/** An instances index created by an earlier version (nested stepDurations) takes the documents of this one. */
class IndexTemplatesUpgradeIT {

  static final TestScope SCOPE = TestScope.create("templates-upgrade");

  @Test
  void shouldAddTheStepDurationFieldsToAnIndexCreatedWithTheNestedMapping() throws Exception {
    // given: the instances index as the earlier template created it
    String uri = SCOPE.infrastructure().elasticsearchUri();
    IndexNames names = new IndexNames(SCOPE.indexPrefix());
    try (RestClient rest = RestClient.builder(HttpHost.create(uri)).build();
        TestElasticsearch es = new TestElasticsearch(uri)) {
      es.call("PUT", "/" + names.instancesIndex(), """
          {"mappings":{"dynamic":"strict","properties":{"id":{"type":"keyword"},"process":{"type":"keyword"},
           "stepDurations":{"type":"nested","properties":{"step":{"type":"keyword"},"ms":{"type":"long"}}}}}}""");

      // when
      new IndexTemplates(rest, names).ensureInstalled();
      es.call("PUT", "/" + names.instancesIndex() + "/_doc/p%2Ft1?refresh=true",
          "{\"id\":\"p/t1\",\"process\":\"p\",\"stepDurationsMs\":{\"paid\":1500}}");

      // then: the per-step field is a long that percentiles can read
      var answer = es.call("POST", "/" + names.instancesIndex() + "/_search", """
          {"size":0,"aggs":{"paid":{"percentiles":{"field":"stepDurationsMs.paid","percents":[50]}}}}""");
      assertThat(answer.path("aggregations").path("paid").path("values").path("50.0").asDouble()).isEqualTo(1500.0);
      var mapping = es.call("GET", "/" + names.instancesIndex() + "/_mapping/field/stepDurationsMs.paid", null);
      assertThat(mapping.findValue("type").asString()).isEqualTo("long");
    }
  }
}
