package io.choreography.tracker.model.incidents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.choreography.tracker.model.Incident;
import io.choreography.tracker.model.IncidentStatus;
import io.choreography.tracker.model.IncidentType;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class IncidentCodecTest {

  private static final Instant OPENED = Instant.parse("2026-11-22T10:00:00.120Z");
  private static final Incident STUCK = new Incident("5c1f0d8e-1", IncidentType.STUCK, IncidentStatus.ACKNOWLEDGED,
      "order-fulfillment", "4bf92f3577b34da6a3ce929d0e0e4736", "payment-received", OPENED,
      OPENED.plusSeconds(30), null, "waiting 12m for \"payment-received\" 注文", 3);

  /** A record as the tracker wrote it before this codec (IncidentCloudEvents with a Jackson map), byte for byte. */
  private static final String PREVIOUS_FORMAT = "{\"specversion\":\"1.0\",\"id\":\"i-1/RESOLVED/2\","
      + "\"source\":\"/choreography-tracker\",\"type\":\"tracker.incident.resolved\","
      + "\"time\":\"2026-11-22T10:05:00Z\",\"subject\":\"order-fulfillment/placed\","
      + "\"datacontenttype\":\"application/json\",\"data\":{\"id\":\"i-1\",\"type\":\"UNCORRELATED\","
      + "\"status\":\"RESOLVED\",\"process\":\"order-fulfillment\",\"traceId\":null,\"step\":\"placed\","
      + "\"openedAt\":\"2026-11-22T10:00:00Z\",\"acknowledgedAt\":null,\"resolvedAt\":\"2026-11-22T10:05:00Z\","
      + "\"message\":\"2 events without a trace id\",\"count\":2}}";

  @Test
  void shouldRoundTripAnIncidentChange() {
    // given
    IncidentChange change = IncidentChange.of("ACKNOWLEDGED", STUCK, OPENED.plusSeconds(30));

    // when
    IncidentChange back = IncidentCodec.decode(IncidentCodec.encode(change));

    // then
    assertThat(back).isEqualTo(change);
    assertThat(back.id()).isEqualTo("5c1f0d8e-1/ACKNOWLEDGED/3");
    assertThat(back.type()).isEqualTo(IncidentChange.ACKNOWLEDGED);
    assertThat(back.subject()).isEqualTo(STUCK.traceId());
    assertThat(back.resolves()).isFalse();
  }

  @Test
  void shouldReadAndWriteThePreviousFormatUnchanged() {
    // when
    IncidentChange change = IncidentCodec.decode(PREVIOUS_FORMAT.getBytes(StandardCharsets.UTF_8));

    // then
    assertThat(change.incident()).isEqualTo(new Incident("i-1", IncidentType.UNCORRELATED, IncidentStatus.RESOLVED,
        "order-fulfillment", null, "placed", Instant.parse("2026-11-22T10:00:00Z"), null,
        Instant.parse("2026-11-22T10:05:00Z"), "2 events without a trace id", 2));
    assertThat(change.time()).isEqualTo(Instant.parse("2026-11-22T10:05:00Z"));
    assertThat(change.resolves()).isTrue();
    assertThat(change).isEqualTo(IncidentChange.of("RESOLVED", change.incident(), change.time()));
    assertThat(new String(IncidentCodec.encode(change), StandardCharsets.UTF_8)).isEqualTo(PREVIOUS_FORMAT);
  }

  @Test
  void shouldReadAnEventWithoutTimeOrSubject() {
    // given
    String json = "{\"id\":\"i-2/OPENED/1\",\"type\":\"tracker.incident.opened\",\"time\":\"yesterday\","
        + "\"data\":{\"id\":\"i-2\",\"type\":\"DEADLINE\",\"status\":\"OPEN\",\"process\":\"p\"}}";

    // when
    IncidentChange change = IncidentCodec.decode(json.getBytes(StandardCharsets.UTF_8));

    // then
    assertThat(change.time()).isNull();
    assertThat(change.subject()).isNull();
    assertThat(change.incident().count()).isEqualTo(1);
    assertThat(change.incident().traceId()).isNull();
  }

  @Test
  void shouldRefuseWhatIsNotAnIncidentChange() {
    assertThatThrownBy(() -> IncidentCodec.decode(new byte[0])).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> IncidentCodec.decode("[1]".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> IncidentCodec.decode("{\"id\":\"x\",\"type\":\"t\",\"data\":{\"id\":\"i\"}}"
        .getBytes(StandardCharsets.UTF_8))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("id, type, status and process");
    assertThatThrownBy(() -> IncidentCodec.decode(("{\"id\":\"x\",\"type\":\"t\",\"data\":{\"id\":\"i\","
        + "\"type\":\"NOT_A_TYPE\",\"status\":\"OPEN\",\"process\":\"p\"}}").getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldWriteTheDocumentWithTheTimeOfTheChangeAndReadItBack() {
    // given
    IncidentChange change = IncidentChange.of("UPDATED", STUCK, Instant.parse("2026-11-22T10:09:00Z"));

    // when
    byte[] document = IncidentCodec.encodeDocument(change);

    // then
    assertThat(new String(document, StandardCharsets.UTF_8)).endsWith(",\"count\":3,"
        + "\"updatedAt\":\"2026-11-22T10:09:00Z\"}");
    assertThat(IncidentCodec.decodeIncident(document)).isEqualTo(STUCK);
    assertThat(IncidentCodec.incident(IncidentCodec.fields(STUCK))).isEqualTo(STUCK);
  }
}
