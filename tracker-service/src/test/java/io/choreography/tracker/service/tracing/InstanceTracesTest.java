package io.choreography.tracker.service.tracing;

import static io.choreography.tracker.service.tracing.InstanceSpansTest.T0;
import static io.choreography.tracker.service.tracing.InstanceSpansTest.TRACE_ID;
import static io.choreography.tracker.service.tracing.InstanceSpansTest.document;
import static org.assertj.core.api.Assertions.assertThat;

import io.choreography.tracker.model.InstanceStatus;
import io.choreography.tracker.model.instances.InstanceDocument;
import io.choreography.tracker.model.instances.InstanceDocumentCodec;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InstanceTracesTest {

  private final InMemoryTracing tracing = new InMemoryTracing();
  private final InstanceTraces traces = new InstanceTraces(true, "tracker.instances", Map.of(),
      new InstanceSpans(tracing.tracer(), tracing.ids), 2);

  @Test
  void shouldTraceAnInstanceWhenItEndsOrGetsStuckAndOnlyThen() {
    // when
    traces.changed(encode(TRACE_ID, InstanceStatus.RUNNING));
    traces.changed(encode(TRACE_ID, InstanceStatus.STUCK));
    traces.changed(encode(TRACE_ID, InstanceStatus.STUCK));
    traces.changed(encode(TRACE_ID, InstanceStatus.RUNNING));
    traces.changed(encode(TRACE_ID, InstanceStatus.COMPLETED));
    traces.changed(encode(TRACE_ID, InstanceStatus.COMPLETED));

    // then: once stuck, once completed, each an instance span and its three steps
    assertThat(tracing.spans()).filteredOn(s -> s.getName().equals("order"))
        .extracting(s -> s.getAttributes().get(InstanceSpans.STATUS)).containsExactly("STUCK", "COMPLETED");
    assertThat(tracing.spans()).hasSize(8);
  }

  @Test
  void shouldSkipTombstonesAndWhatItCannotDecode() {
    // when
    traces.changed(null);
    traces.changed("not json".getBytes(StandardCharsets.UTF_8));

    // then
    assertThat(tracing.spans()).isEmpty();
  }

  @Test
  void shouldForgetTheOldestInstancesBeyondWhatItRemembers() {
    // when: three instances ended, then the first republished once it was forgotten
    traces.changed(encode("a", InstanceStatus.COMPLETED));
    traces.changed(encode("b", InstanceStatus.COMPLETED));
    traces.changed(encode("b", InstanceStatus.COMPLETED));
    traces.changed(encode("c", InstanceStatus.FAILED));
    traces.changed(encode("a", InstanceStatus.COMPLETED));

    // then
    assertThat(tracing.spans()).filteredOn(s -> s.getName().equals("order"))
        .extracting(s -> s.getAttributes().get(InstanceSpans.TRACE_ID)).containsExactly("a", "b", "c", "a");
  }

  private static byte[] encode(String traceId, InstanceStatus status) {
    return InstanceDocumentCodec.encode(document(traceId, status, status.ended() ? T0.plusSeconds(9) : null, Map.of(),
        List.of(), InstanceDocument.Deviations.NONE));
  }
}
