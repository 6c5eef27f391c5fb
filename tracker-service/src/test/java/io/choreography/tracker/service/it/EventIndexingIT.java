package io.choreography.tracker.service.it;

import io.choreography.tracker.service.ingest.Forwarder;
import io.choreography.tracker.service.kafka.SinkContainer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * 10,000 events of 2,500 orders on four topics in four formats, with the forwarder and the event indexer restarted
 * midway so that records they had not committed are delivered again: every event is in Elasticsearch exactly once and every trace is
 * complete through the API. Real broker, real Elasticsearch node.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class EventIndexingIT {

  static final TestScope SCOPE = TestScope.create("indexing");

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    SCOPE.register(registry);
  }

  @LocalServerPort int port;
  @Autowired JsonMapper json;
  @Autowired Forwarder forwarder;
  @Autowired @Qualifier("eventIndexer") SinkContainer indexer;

  @Test
  void shouldIndexEveryEventExactlyOnceAndServeEveryTraceComplete() throws Exception {
    new IndexingScenario(SCOPE.infrastructure().kafkaBootstrapServers(), SCOPE.infrastructure().elasticsearchUri(),
        SCOPE.topicPrefix(), SCOPE.indexPrefix(), json)
        .run(2_500, port, () -> {
          forwarder.stop();
          indexer.stop();
          forwarder.start();
          indexer.start();
        });
  }
}
