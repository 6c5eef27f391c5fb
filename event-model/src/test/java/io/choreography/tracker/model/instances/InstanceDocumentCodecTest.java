package io.choreography.tracker.model.instances;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.choreography.tracker.model.IncidentIds;
import io.choreography.tracker.model.IncidentType;
import io.choreography.tracker.model.InstanceSnapshot;
import io.choreography.tracker.model.InstanceStatus;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InstanceDocumentCodecTest {

  static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");

  @Test
  void shouldRoundTripADocumentWithItsDerivedFields() {
    // given
    InstanceDocument d = new InstanceDocument("order-fulfillment", "v1", "t/1", InstanceStatus.STUCK, T0, null,
        T0.plusSeconds(9), Map.of("order-placed", new InstanceSnapshot.ReachedStep(T0, "e1")),
        List.of(new InstanceSnapshot.WaitingStep("payment-received", T0, T0.plusSeconds(5))), List.of("x"),
        List.of("payment-received"), Map.of("order-placed", 0L),
        new InstanceDocument.Deviations(List.of("payment-received"), List.of(), List.of(), null, false));

    // when
    byte[] json = InstanceDocumentCodec.encode(d);

    // then
    assertThat(InstanceDocumentCodec.decode(json)).isEqualTo(d);
    String text = new String(json, StandardCharsets.UTF_8);
    assertThat(text).startsWith("{\"id\":\"order-fulfillment/t/1\"")
        .contains("\"reachedSteps\":[\"order-placed\"]").contains("\"waitingSteps\":[\"payment-received\"]")
        .contains("\"hadIncident\":true").contains("\"endedAt\":null");
  }

  @Test
  void shouldReadARecordOfThePreviousFormatWorkingOutItsDerivedFields() {
    // given: as the tracker wrote instance changes before documents were built once
    String stuck = IncidentIds.of("order-fulfillment", "t 1", IncidentType.STUCK, "goods-fetched");
    String previous = """
        {"process":"order-fulfillment","version":"v1","traceId":"t 1","status":"STUCK",
         "startedAt":"2026-11-20T10:00:00Z","endedAt":null,"updatedAt":"2026-11-20T11:00:00Z",
         "steps":{"order-placed":{"reachedAt":"2026-11-20T10:00:00Z","eventId":"e1"}},
         "waitingFor":[{"step":"goods-fetched","since":"2026-11-20T10:00:05Z","due":"2026-11-20T11:00:05Z"}],
         "openIncidents":["%s"],"stepDurationsMs":{"payment-received":5000}}
        """.formatted(stuck);

    // when
    InstanceDocument d = InstanceDocumentCodec.decode(previous.getBytes(StandardCharsets.UTF_8));

    // then
    assertThat(d.stuckSteps()).containsExactly("goods-fetched");
    assertThat(d.stepDurationsMs()).containsEntry("payment-received", 5000L);
    assertThat(d.deviations()).isEqualTo(InstanceDocument.Deviations.NONE);
    assertThat(new String(InstanceDocumentCodec.encode(d), StandardCharsets.UTF_8))
        .contains("\"stuckSteps\":[\"goods-fetched\"]");
  }

  @Test
  void shouldRefuseWhatIsNoInstance() {
    assertThatThrownBy(() -> InstanceDocumentCodec.decode("[1]".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> InstanceDocumentCodec.decode("{\"process\":\"p\"}".getBytes(StandardCharsets.UTF_8)))
        .hasMessageContaining("without process, traceId or status");
    assertThatThrownBy(() -> InstanceDocumentCodec.decode("{broken".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
