package io.choreography.tracker.service.ocel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Event documents as OCEL events, written by the log writer: what a log holds, without Elasticsearch. */
class OcelEventsTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final OcelQuery ORDERS = new OcelQuery("order-fulfillment", Instant.parse("2026-11-20T00:00:00Z"),
      Instant.parse("2026-11-21T00:00:00Z"));

  private final OcelTypes types = new OcelTypes();
  private final ObjectKind instances = new InstanceObjects(null, null);

  @Test
  void shouldWriteALogThatValidatesAgainstTheOcelSchema() {
    // given
    List<JsonNode> hits = List.of(
        hit("orders-0-1", "order-placed", "t1", "OrderPlaced", ordered("amount", 12, "currency", "EUR")),
        hit("payments-0-1", "payment-received", "t1", "PaymentReceived", ordered("amount", 12.5, "express", true)));

    // when
    JsonNode log = JSON.readTree(write(ORDERS, hits));

    // then
    assertThat(OcelSchema.errors(JSON.writeValueAsBytes(log))).isEmpty();
    assertThat(log.propertyNames()).containsExactly("events", "objects", "eventTypes", "objectTypes");
    JsonNode first = log.path("events").get(0);
    assertThat(first.path("id").asString()).isEqualTo("orders-0-1");
    assertThat(first.path("type").asString()).isEqualTo("order-placed");
    assertThat(first.path("time").asString()).isEqualTo("2026-11-20T10:00:00Z");
    assertThat(first.path("attributes").toString()).isEqualTo("[{\"name\":\"step\",\"value\":\"order-placed\"},"
        + "{\"name\":\"topic\",\"value\":\"orders\"},{\"name\":\"type\",\"value\":\"OrderPlaced\"},"
        + "{\"name\":\"eventId\",\"value\":\"ev-orders-0-1\"},{\"name\":\"amount\",\"value\":\"12\"},"
        + "{\"name\":\"currency\",\"value\":\"EUR\"}]");
    assertThat(first.path("relationships").toString())
        .isEqualTo("[{\"objectId\":\"order-fulfillment/t1\",\"qualifier\":\"order-placed\"}]");
    assertThat(log.path("objects").get(0).path("id").asString()).isEqualTo("order-fulfillment/t1");
  }

  @Test
  void shouldDeclareEachEventTypesPayloadAttributesWithTheWidestTypeSeen() {
    // given: amount an integer, then a float; code a number, then text; a nested object and an array
    List<JsonNode> hits = List.of(
        hit("a", "order-placed", "t1", "OrderPlaced", ordered("amount", 1, "code", 7, "lines", List.of(1))),
        hit("b", "order-placed", "t2", "OrderPlaced", ordered("amount", 2.5, "code", "x7", "when",
            Map.of("at", "now"), "type", "web")));

    // when
    JsonNode log = JSON.readTree(write(ORDERS, hits));

    // then
    assertThat(log.path("eventTypes").toString()).isEqualTo("[{\"name\":\"order-placed\",\"attributes\":["
        + "{\"name\":\"step\",\"type\":\"string\"},{\"name\":\"topic\",\"type\":\"string\"},"
        + "{\"name\":\"type\",\"type\":\"string\"},{\"name\":\"eventId\",\"type\":\"string\"},"
        + "{\"name\":\"amount\",\"type\":\"float\"},{\"name\":\"code\",\"type\":\"string\"},"
        + "{\"name\":\"payload.type\",\"type\":\"string\"}]}]");
  }

  @Test
  void shouldLeaveOutEventsOfOtherProcessesAndRelateEachSelectedInstanceOnce() {
    // given: one event of another process only, one of both with the same trace id
    JsonNode other = hit("r", "return-opened", "t9", "ReturnOpened", Map.of());
    ((tools.jackson.databind.node.ObjectNode) other.path("_source").path("matches").get(0)).put("process", "returns");
    JsonNode both = hit("b", "order-placed", "t1", "OrderPlaced", Map.of());
    ((tools.jackson.databind.node.ArrayNode) both.path("_source").path("matches")).add(JSON.createObjectNode()
        .put("process", "returns").put("step", "order-seen").put("traceId", "t1"));
    ((tools.jackson.databind.node.ArrayNode) both.path("_source").path("matches")).add(JSON.createObjectNode()
        .put("process", "order-fulfillment").put("step", "order-placed").put("traceId", "t1"));

    // when
    JsonNode selected = JSON.readTree(write(ORDERS, List.of(other, both)));
    JsonNode every = JSON.readTree(write(new OcelQuery(null, ORDERS.from(), ORDERS.to()), List.of(other, both)));

    // then
    assertThat(selected.path("events").size()).isEqualTo(1);
    assertThat(selected.path("events").get(0).path("relationships").size()).isEqualTo(1);
    assertThat(every.path("events").size()).isEqualTo(2);
    assertThat(every.path("events").get(1).path("relationships").toString())
        .isEqualTo("[{\"objectId\":\"order-fulfillment/t1\",\"qualifier\":\"order-placed\"},"
            + "{\"objectId\":\"returns/t1\",\"qualifier\":\"order-seen\"}]");
  }

  @Test
  void shouldDeclareAtMost64AttributesPerEventTypeAndLeaveOutTheRest() {
    // given: 70 payload fields
    Map<String, Object> payload = new LinkedHashMap<>();
    for (int i = 0; i < 70; i++) {
      payload.put("f" + i, i);
    }

    // when
    JsonNode log = JSON.readTree(write(ORDERS, List.of(hit("a", "order-placed", "t1", "OrderPlaced", payload))));

    // then: the four fixed attributes and the first 60 fields
    assertThat(log.path("eventTypes").get(0).path("attributes").size()).isEqualTo(OcelTypes.MAX_ATTRIBUTES);
    assertThat(log.path("events").get(0).path("attributes").size()).isEqualTo(OcelTypes.MAX_ATTRIBUTES);
    assertThat(types.attributesLeftOut()).isEqualTo(10);
  }

  private byte[] write(OcelQuery query, List<JsonNode> hits) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    OcelEvents events = new OcelEvents(List.of(instances), types);
    List<String> related = new ArrayList<>();
    try (OcelLogWriter log = new OcelLogWriter(out)) {
      log.startEvents();
      for (JsonNode hit : hits) {
        if (events.write(hit, query, log)) {
          List<OcelLogWriter.Relationship> r = new ArrayList<>();
          instances.relate(hit.path("_source"), query, r);
          r.forEach(x -> related.add(x.objectId()));
        }
      }
      log.startObjects();
      new Objects(related).writeObjects(query, log, types, n -> {});
      log.types(types);
      log.finish();
    }
    return out.toByteArray();
  }

  /** The related objects, with only their trace id. */
  private record Objects(List<String> ids) {
    long writeObjects(OcelQuery query, OcelLogWriter out, OcelTypes types, LongConsumer progress) {
      ids.stream().distinct().forEach(id -> {
        String type = id.substring(0, id.indexOf('/'));
        types.objectAttribute(type, "traceId", OcelAttributeType.STRING);
        out.object(id, type, List.of(new OcelLogWriter.ObjectAttribute("traceId", id.substring(id.indexOf('/') + 1),
            OcelLogWriter.FROM_THE_START)), List.of());
      });
      return ids.size();
    }
  }

  private static Map<String, Object> ordered(Object... namesAndValues) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      m.put((String) namesAndValues[i], namesAndValues[i + 1]);
    }
    return m;
  }

  private static JsonNode hit(String id, String step, String trace, String type, Map<String, Object> payload) {
    Map<String, Object> source = new LinkedHashMap<>();
    source.put("eventId", "ev-" + id);
    source.put("traceId", trace);
    source.put("type", type);
    source.put("time", "2026-11-20T10:00:00.000Z");
    source.put("topic", id.contains("-") ? id.substring(0, id.indexOf('-')) : "orders");
    source.put("matches", new ArrayList<>(List.of(Map.of("process", "order-fulfillment", "step", step, "traceId",
        trace))));
    source.put("payload", payload);
    return JSON.valueToTree(Map.of("_id", id, "_source", source));
  }
}
