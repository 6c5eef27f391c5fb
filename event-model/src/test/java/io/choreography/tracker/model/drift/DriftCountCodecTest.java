package io.choreography.tracker.model.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class DriftCountCodecTest {

  private static final DriftCount COUNT = new DriftCount("order-fulfillment", "payments", "PaymentRefunded", 3, 7,
      1_764_000_000_000L, 1_764_000_360_123L, "payments-1-42", "4bf92f3577b34da6a3ce929d0e0e4736",
      "payment-refunded", List.of("payment-received"));

  @Test
  void shouldReadBackWhatItWrote() {
    assertThat(DriftCountCodec.decode(DriftCountCodec.encode(COUNT))).isEqualTo(COUNT);
  }

  @Test
  void shouldWriteTheDocumentTheDriftIndexMapsAndTheApiReads() {
    String json = new String(DriftCountCodec.encode(COUNT), StandardCharsets.UTF_8);
    assertThat(json).isEqualTo("{\"process\":\"order-fulfillment\",\"topic\":\"payments\",\"type\":\"PaymentRefunded\","
        + "\"partition\":3,\"count\":7,\"firstSeen\":\"2025-11-24T16:00:00Z\",\"lastSeen\":\"2025-11-24T16:06:00.123Z\","
        + "\"exampleEventId\":\"payments-1-42\",\"exampleTraceId\":\"4bf92f3577b34da6a3ce929d0e0e4736\","
        + "\"suggestedStep\":{\"id\":\"payment-refunded\",\"on\":{\"topic\":\"payments\",\"type\":\"PaymentRefunded\"},"
        + "\"after\":[\"payment-received\"]}}");
  }

  @Test
  void shouldLeaveOutAfterWhenTheInstanceHadReachedNothing() {
    DriftCount first = new DriftCount("p", "t", "X", 0, 1, 5, 5, "t-0-0", "a", "x", List.of());
    assertThat(new String(DriftCountCodec.encode(first), StandardCharsets.UTF_8)).doesNotContain("after");
    assertThat(DriftCountCodec.decode(DriftCountCodec.encode(first))).isEqualTo(first);
  }

  @Test
  void shouldSkipFieldsItDoesNotKnow() {
    String json = "{\"process\":\"p\",\"future\":{\"a\":[1,2]},\"topic\":\"t\",\"type\":\"X\",\"count\":2,"
        + "\"firstSeen\":\"1970-01-01T00:00:00.005Z\",\"lastSeen\":\"1970-01-01T00:00:00.009Z\"}";
    DriftCount c = DriftCountCodec.decode(json.getBytes(StandardCharsets.UTF_8));
    assertThat(c.count()).isEqualTo(2);
    assertThat(c.lastSeen()).isEqualTo(9);
  }

  @Test
  void shouldRefuseWhatIsNotADriftCount() {
    assertThatThrownBy(() -> DriftCountCodec.decode("{\"topic\":\"t\"}".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("process, topic and type");
    assertThatThrownBy(() -> DriftCountCodec.decode("[1]".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldKeyOneDocumentPerProcessTopicTypeAndPartition() {
    assertThat(COUNT.key()).isEqualTo("order-fulfillment/payments/PaymentRefunded/3");
  }
}
