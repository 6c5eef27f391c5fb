package io.choreography.tracker.model.incidents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.choreography.tracker.model.Incident;
import io.choreography.tracker.model.IncidentCommand;
import io.choreography.tracker.model.IncidentStatus;
import io.choreography.tracker.model.IncidentType;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class IncidentCommandCodecTest {

  /** A command as the API wrote it before this codec (IncidentCommandJson with a Jackson map), byte for byte. */
  private static final String PREVIOUS_FORMAT = "{\"action\":\"RESOLVE\",\"incidentId\":\"i-7\","
      + "\"requestedAt\":\"2026-11-22T10:15:30.123Z\",\"incident\":{\"id\":\"i-7\",\"type\":\"STUCK\","
      + "\"status\":\"OPEN\",\"process\":\"order-fulfillment\",\"traceId\":\"4bf9\",\"step\":\"paid\","
      + "\"openedAt\":\"2026-11-22T10:00:00Z\",\"acknowledgedAt\":null,\"resolvedAt\":null,"
      + "\"message\":\"waiting 15m for paid\",\"count\":1}}";

  @Test
  void shouldRoundTripACommand() {
    // given
    IncidentCommand command = new IncidentCommand(IncidentCommand.Action.ACKNOWLEDGE, "i-8",
        Instant.parse("2026-11-22T10:15:30.123456Z"), new Incident("i-8", IncidentType.UNCORRELATED,
            IncidentStatus.OPEN, "p", null, "placed", Instant.parse("2026-11-22T10:00:00Z"), null, null, null, 4));

    // when / then
    assertThat(IncidentCommandCodec.decode(IncidentCommandCodec.encode(command))).isEqualTo(command);
  }

  @Test
  void shouldReadAndWriteThePreviousFormatUnchanged() {
    // when
    IncidentCommand command = IncidentCommandCodec.decode(PREVIOUS_FORMAT.getBytes(StandardCharsets.UTF_8));

    // then
    assertThat(command.action()).isEqualTo(IncidentCommand.Action.RESOLVE);
    assertThat(command.requestedAt()).isEqualTo(Instant.parse("2026-11-22T10:15:30.123Z"));
    assertThat(command.asDocumented().step()).isEqualTo("paid");
    assertThat(command.partitionKey()).isEqualTo("4bf9");
    assertThat(new String(IncidentCommandCodec.encode(command), StandardCharsets.UTF_8)).isEqualTo(PREVIOUS_FORMAT);
  }

  @Test
  void shouldRefuseWhatIsNotACommand() {
    assertThatThrownBy(() -> IncidentCommandCodec.decode("{\"action\":\"DELETE\",\"incidentId\":\"i\"}"
        .getBytes(StandardCharsets.UTF_8))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("not an incident command");
    assertThatThrownBy(() -> IncidentCommandCodec.decode("nope".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
