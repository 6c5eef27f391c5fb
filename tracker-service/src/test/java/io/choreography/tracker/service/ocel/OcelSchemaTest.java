package io.choreography.tracker.service.ocel;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The test schema tells OCEL 2.0 logs from near misses, so that "validates" means something. */
class OcelSchemaTest {

  private static final String VALID = "{\"eventTypes\":[{\"name\":\"order-placed\",\"attributes\":[{\"name\":\"amount\","
      + "\"type\":\"integer\"}]}],\"objectTypes\":[{\"name\":\"order-fulfillment\",\"attributes\":[]}],"
      + "\"events\":[{\"id\":\"e1\",\"type\":\"order-placed\",\"time\":\"2026-11-20T10:00:00Z\",\"attributes\":"
      + "[{\"name\":\"amount\",\"value\":\"12\"}],\"relationships\":[{\"objectId\":\"o1\",\"qualifier\":\"q\"}]}],"
      + "\"objects\":[{\"id\":\"o1\",\"type\":\"order-fulfillment\",\"attributes\":[{\"name\":\"status\","
      + "\"value\":\"RUNNING\",\"time\":\"1970-01-01T00:00:00Z\"}]}]}";

  @Test
  void shouldAcceptAMinimalLog() {
    assertThat(OcelSchema.errors(VALID.getBytes(StandardCharsets.UTF_8))).isEmpty();
  }

  @Test
  void shouldRejectLogsThatBreakTheSpecification() {
    for (String broken : new String[] {
        VALID.replace("\"objectTypes\":[{\"name\":\"order-fulfillment\",\"attributes\":[]}],", ""),
        VALID.replace("\"value\":\"12\"", "\"value\":12"),
        VALID.replace("\"time\":\"2026-11-20T10:00:00Z\"", "\"time\":\"yesterday\""),
        VALID.replace("\"type\":\"integer\"", "\"type\":\"number\""),
        VALID.replace(",\"qualifier\":\"q\"", ""),
        VALID.replace(",\"time\":\"1970-01-01T00:00:00Z\"", "")}) {
      assertThat(OcelSchema.errors(broken.getBytes(StandardCharsets.UTF_8))).as(broken).isNotEmpty();
    }
  }
}
