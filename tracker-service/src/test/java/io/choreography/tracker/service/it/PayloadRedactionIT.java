package io.choreography.tracker.service.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/** Configured payload fields are masked before indexing: the original never reaches Elasticsearch. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PayloadRedactionIT {

  static final TestScope SCOPE = TestScope.create("redaction");
  static final String ORDERS = SCOPE.topic("orders");
  static final String SHIPPING = SCOPE.topic("shipping");
  static final String CARD = "4111111111111111";
  static final String EMAIL = "jane.doe.secret@example.com";
  static final TestElasticsearch ES = new TestElasticsearch(SCOPE.infrastructure().elasticsearchUri());

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws Exception {
    TestKafka.createTopics(SCOPE.infrastructure().kafkaBootstrapServers(), 1, List.of(ORDERS, SHIPPING));
    SCOPE.register(registry);
    registry.add("tracker.redaction.rules[0].topic", () -> SCOPE.topicPrefix() + "ord*");
    registry.add("tracker.redaction.rules[0].pointers[0]", () -> "/payment/card");
    registry.add("tracker.redaction.rules[0].pointers[1]", () -> "/customer/email");
    registry.add("tracker.redaction.rules[1].topic", () -> SHIPPING);
    registry.add("tracker.redaction.rules[1].pointers[0]", () -> "/customer/email");
    // the correlation field itself: masked in the index, yet the event still correlates
    registry.add("tracker.redaction.rules[1].pointers[1]", () -> "/orderId");
  }

  @AfterAll
  static void close() throws Exception {
    ES.close();
  }

  @Test
  void shouldNeverIndexARedactedValueButStillCorrelateByIt() throws Exception {
    // given
    String traceId = "5bf92f3577b34da6a3ce929d0e0e4736";
    String plain = "{\"type\":\"OrderPlaced\",\"orderId\":\"" + traceId + "\",\"payment\":{\"card\":\"" + CARD
        + "\",\"method\":\"card\"},\"customer\":{\"email\":\"" + EMAIL + "\",\"tier\":\"gold\"}}";
    String structured = "{\"specversion\":\"1.0\",\"id\":\"s-1\",\"source\":\"/shipping\",\"type\":\"GoodsShipped\","
        + "\"time\":\"2026-11-22T10:00:00Z\",\"datacontenttype\":\"application/json\",\"data\":{\"orderId\":\""
        + traceId + "\",\"customer\":{\"email\":\"" + EMAIL + "\"}}}";

    // when
    try (KafkaProducer<String, byte[]> producer = TestKafka.producer(SCOPE.infrastructure().kafkaBootstrapServers())) {
      producer.send(new ProducerRecord<>(ORDERS, traceId, plain.getBytes(StandardCharsets.UTF_8))).get();
      ProducerRecord<String, byte[]> ce = new ProducerRecord<>(SHIPPING, "parcel-1",
          structured.getBytes(StandardCharsets.UTF_8));
      ce.headers().add("content-type", "application/cloudevents+json".getBytes(StandardCharsets.UTF_8));
      producer.send(ce).get();
    }

    // then
    String events = SCOPE.indexPrefix() + "-events-*";
    await().atMost(Duration.ofSeconds(30)).until(() -> ES.count(events) == 2);
    JsonNode hits = ES.call("POST", "/" + events + "/_search", "{\"size\":10}").path("hits").path("hits");
    String everything = hits.toString();
    assertThat(everything).doesNotContain(CARD).doesNotContain(EMAIL);
    for (JsonNode hit : hits) {
      JsonNode source = hit.path("_source");
      assertThat(source.path("traceId").asString()).as("correlated from the original").isEqualTo(traceId);
      assertThat(source.path("payload").path("customer").path("email").asString()).isEqualTo("***");
      if (source.path("topic").asString().equals(ORDERS)) {
        assertThat(source.path("payload").path("payment").path("card").asString()).isEqualTo("***");
        assertThat(source.path("payload").path("customer").path("tier").asString()).isEqualTo("gold");
      } else {
        assertThat(source.path("payload").path("orderId").asString()).isEqualTo("***");
        assertThat(source.path("step").asString()).isEqualTo("goods-shipped");
      }
    }
    JsonNode secretSearch = ES.call("POST", "/" + events + "/_search",
        "{\"query\":{\"query_string\":{\"query\":\"\\\"" + CARD + "\\\"\"}}}");
    assertThat(secretSearch.path("hits").path("total").path("value").asInt()).isZero();
  }
}
