package io.choreography.tracker.service.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class WebhookBodyTest {

  private final JsonMapper json = JsonMapper.builder().build();

  @Test
  void shouldWriteASlackTextWithMessageTypeProcessAndTraceId() {
    // given
    IncidentEvent event = IncidentEvent.parse(json, ("{\"specversion\":\"1.0\",\"id\":\"i-1/OPENED/1\","
        + "\"type\":\"tracker.incident.opened\",\"time\":\"2026-11-22T10:00:00Z\",\"data\":{\"id\":\"i-1\","
        + "\"type\":\"STUCK\",\"status\":\"OPEN\",\"process\":\"order-fulfillment\",\"traceId\":\"abc\","
        + "\"step\":\"payment-received\",\"message\":\"waiting 12m for payment-received\",\"count\":1}}")
        .getBytes(StandardCharsets.UTF_8));

    // when
    String body = new String(WebhookBody.of(AlertingProperties.Format.SLACK, event, json), StandardCharsets.UTF_8);

    // then
    assertThat(json.readTree(body).path("text").asString()).isEqualTo("STUCK incident opened: waiting 12m for "
        + "payment-received (process order-fulfillment, trace abc, step payment-received, incident i-1)");
    assertThat(WebhookBody.of(AlertingProperties.Format.JSON, event, json)).isSameAs(event.json());
  }
}
