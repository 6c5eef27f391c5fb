package io.choreography.tracker.service.it;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.testcontainers.elasticsearch.ElasticsearchContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;
import tools.jackson.databind.json.JsonMapper;

/**
 * The indexing scenario against Kafka and Elasticsearch in containers, for machines with Docker (also the
 * Elasticsearch image that docker-compose runs). Skipped where no Docker engine answers.
 */
@Testcontainers(disabledWithoutDocker = true)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class EventIndexingContainersIT {

  @Container static final KafkaContainer KAFKA = new KafkaContainer("apache/kafka:4.1.1");

  @Container
  static final ElasticsearchContainer ELASTICSEARCH =
      new ElasticsearchContainer("docker.elastic.co/elasticsearch/elasticsearch:8.19.7")
          .withEnv("xpack.security.enabled", "false")
          .withEnv("ES_JAVA_OPTS", "-Xms512m -Xmx512m");

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add("spring.kafka.bootstrap-servers", KAFKA::getBootstrapServers);
    registry.add("tracker.elasticsearch.uris", () -> "http://" + ELASTICSEARCH.getHttpHostAddress());
    registry.add("tracker.topics", () -> Pattern.quote("containers.") + ".*");
    registry.add("tracker.ingest.topic-refresh", () -> "1s");
    registry.add("tracker.definitions", () -> TestDefinitions.orderFulfillment("containers."));
  }

  @LocalServerPort int port;
  @Autowired JsonMapper json;

  @Test
  void shouldIndexEveryEventExactlyOnceAndServeEveryTraceComplete() throws Exception {
    new IndexingScenario(KAFKA.getBootstrapServers(), "http://" + ELASTICSEARCH.getHttpHostAddress(),
        "containers.", "tracker", json)
        .run(250, port, () -> {});
  }
}
