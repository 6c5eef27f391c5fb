package io.choreography.tracker.service.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import io.choreography.tracker.model.Incident;
import io.choreography.tracker.model.IncidentStatus;
import io.choreography.tracker.model.IncidentType;
import io.choreography.tracker.model.incidents.IncidentChange;
import io.choreography.tracker.model.incidents.IncidentCodec;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class WebhookBodyTest {

  private final JsonMapper json = JsonMapper.builder().build();

  @Test
  void shouldWriteASlackTextWithMessageTypeProcessAndTraceId() {
    // given
    IncidentEvent event = IncidentEvent.parse(("{\"specversion\":\"1.0\",\"id\":\"i-1/OPENED/1\","
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

  @Test
  void shouldEscapeSlackControlCharactersInEveryValueTakenFromTheIncident() {
    // given an event id (in the message), a trace id and a step that try to ping @channel and disguise a link
    String hostile = "<!channel> pay here: <https://evil.example/|your invoice> & more";
    String escaped = "&lt;!channel&gt; pay here: &lt;https://evil.example/|your invoice&gt; &amp; more";
    IncidentEvent event = IncidentEvent.parse(IncidentCodec.encode(IncidentChange.of("OPENED",
        new Incident("p/" + hostile + "/UNEXPECTED/-", IncidentType.UNEXPECTED, IncidentStatus.OPEN, "p&<b>", hostile,
            hostile, null, null, null, "unexpected event " + hostile + " on topic t", 1), null)));

    // when
    String text = json.readTree(WebhookBody.of(AlertingProperties.Format.SLACK, event, json)).path("text").asString();

    // then
    assertThat(text).isEqualTo("UNEXPECTED incident opened: unexpected event " + escaped
        + " on topic t (process p&amp;&lt;b&gt;, trace " + escaped + ", step " + escaped + ", incident p/" + escaped
        + "/UNEXPECTED/-)");
    assertThat(text).doesNotContain("<", ">");
  }

  @Test
  void shouldLeaveAlreadyEscapedLookingTextReadableAsWritten() {
    // given a message that contains what looks like an entity: it must show as written, not as '<'
    IncidentEvent event = IncidentEvent.parse(json.writeValueAsBytes(Map.of(
        "specversion", "1.0", "id", "i-1/OPENED/1", "type", "tracker.incident.opened",
        "data", Map.of("id", "i-1", "type", "FAILED", "status", "OPEN", "process", "p", "message", "a &lt; b"))));

    // when
    String text = WebhookBody.slackText(event);

    // then
    assertThat(text).startsWith("FAILED incident opened: a &amp;lt; b (process p, incident i-1)");
  }
}
