package io.choreography.tracker.service.indexing;

import static org.assertj.core.api.Assertions.assertThat;

import io.choreography.tracker.model.IncidentType;
import io.choreography.tracker.model.IncidentIds;
import io.choreography.tracker.service.elasticsearch.IndexDocument;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class DocumentsTest {

  final JsonMapper json = JsonMapper.builder().build();

  @Test
  void shouldDeriveSearchFieldsOfAnInstance() {
    // given
    String stuck = IncidentIds.of("order-fulfillment", "t 1", IncidentType.STUCK, "goods-fetched");
    String state = """
        {"process":"order-fulfillment","version":"v1","traceId":"t 1","status":"STUCK",
         "startedAt":"2026-11-20T10:00:00Z","endedAt":null,"updatedAt":"2026-11-20T11:00:00Z",
         "steps":{"order-placed":{"reachedAt":"2026-11-20T10:00:00Z","eventId":"e1"},
                  "payment-received":{"reachedAt":"2026-11-20T10:00:05Z","eventId":"e2"}},
         "waitingFor":[{"step":"goods-fetched","since":"2026-11-20T10:00:05Z","due":"2026-11-20T11:00:05Z"},
                       {"step":"invoice-sent","since":"2026-11-20T10:00:05Z","due":null}],
         "openIncidents":["%s"],
         "stepDurationsMs":{"payment-received":5000}}
        """.formatted(stuck);

    // when
    IndexDocument d = new InstanceDocuments("x-instances").map("order-fulfillment/t 1",
        state.getBytes(StandardCharsets.UTF_8));

    // then
    JsonNode doc = json.readTree(d.json());
    assertThat(d.id()).isEqualTo("order-fulfillment%2Ft%201");
    assertThat(doc.path("id").asString()).isEqualTo("order-fulfillment/t 1");
    assertThat(doc.path("reachedSteps").toString()).isEqualTo("[\"order-placed\",\"payment-received\"]");
    assertThat(doc.path("waitingSteps").toString()).isEqualTo("[\"goods-fetched\",\"invoice-sent\"]");
    assertThat(doc.path("stuckSteps").toString()).isEqualTo("[\"goods-fetched\"]");
    assertThat(doc.path("stepDurationsMs").toString()).isEqualTo("{\"payment-received\":5000}");
    assertThat(doc.path("endedAt").isNull()).isTrue();
  }

  @Test
  void shouldTakeTheWholeIncidentFromTheCloudEventData() {
    // given
    String event = """
        {"specversion":"1.0","id":"i1/RESOLVED/1","source":"/choreography-tracker",
         "type":"tracker.incident.resolved","time":"2026-11-20T12:00:00Z","subject":"t1",
         "datacontenttype":"application/json",
         "data":{"id":"i1","type":"STUCK","status":"RESOLVED","process":"p","traceId":"t1","step":"s",
                 "openedAt":"2026-11-20T10:00:00Z","acknowledgedAt":"2026-11-20T11:00:00Z",
                 "resolvedAt":"2026-11-20T12:00:00Z","message":"waiting","count":1,"extra":"ignored"}}
        """;

    // when
    IndexDocument d = new IncidentDocuments("x-incidents").map("i1", event.getBytes(StandardCharsets.UTF_8));

    // then
    JsonNode doc = json.readTree(d.json());
    assertThat(d.id()).isEqualTo("i1");
    assertThat(doc.path("openedAt").asString()).isEqualTo("2026-11-20T10:00:00Z");
    assertThat(doc.path("acknowledgedAt").asString()).isEqualTo("2026-11-20T11:00:00Z");
    assertThat(doc.path("updatedAt").asString()).isEqualTo("2026-11-20T12:00:00Z");
    assertThat(doc.has("extra")).isFalse();
  }

  @Test
  void shouldDeleteTheDocumentOfATombstone() {
    // given
    InstanceDocuments instances = new InstanceDocuments("x-instances");

    // when
    IndexDocument d = instances.map("p/t", null);

    // then
    assertThat(d.isDeletion()).isTrue();
    assertThat(d.id()).isEqualTo("p%2Ft");
  }
}
