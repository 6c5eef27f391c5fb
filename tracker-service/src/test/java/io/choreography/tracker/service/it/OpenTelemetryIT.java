package io.choreography.tracker.service.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.choreography.tracker.service.it.TestOtlpReceiver.ReceivedSpan;
import io.choreography.tracker.service.tracing.InstanceTraces;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The tracker's own spans over OTLP to a test receiver: each business record's processing as a {@code process} span
 * that links to exactly the producer's span context of its {@code traceparent}, and the ended instance as a span with
 * one child per step, in the instance's trace. Export off: see {@link OpenTelemetryExportOffIT}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OpenTelemetryIT {

  static final TestScope SCOPE = TestScope.create("otel");
  static final TestOtlpReceiver RECEIVER = new TestOtlpReceiver();

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws Exception {
    TracedOrders.register(SCOPE, registry, RECEIVER);
    registry.add("otel.service.name", () -> "tracker-it");
  }

  @AfterAll
  static void closeReceiver() {
    RECEIVER.close();
  }

  @LocalServerPort int port;
  @Autowired InstanceTraces instanceTraces;

  @Test
  void shouldLinkProcessingToTheProducersAndSendTheEndedInstanceAsATrace() throws Exception {
    // given: instance changes are read from now on
    await().atMost(Duration.ofSeconds(30)).until(instanceTraces::assigned);
    String traceId = TracedOrders.randomHex(16);

    // when
    List<String> producers = TracedOrders.send(SCOPE, traceId, "o-1");

    // then (a): one process span per record, each linked to exactly its producer's span context
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
        .until(() -> processSpans(traceId).size() >= producers.size());
    List<ReceivedSpan> processing = processSpans(traceId);
    assertThat(processing).allSatisfy(s -> {
      assertThat(s.service()).isEqualTo("tracker-it");
      assertThat(s.name()).startsWith("process " + SCOPE.topicPrefix());
      assertThat(s.links()).hasSize(1);
      assertThat(s.traceId()).as("linked, not a child").isNotEqualTo(traceId);
      assertThat(s.attribute("messaging.system")).isEqualTo("kafka");
      assertThat(s.attribute("messaging.operation.type")).isEqualTo("process");
      assertThat(s.attribute("messaging.destination.name")).isEqualTo(s.name().substring("process ".length()));
      assertThat(s.attribute("messaging.kafka.message.key")).isEqualTo("o-1");
      assertThat(s.attribute("messaging.kafka.offset")).isNotNull();
      assertThat(s.attribute("messaging.consumer.group.name")).isEqualTo("it-" + SCOPE.indexPrefix().substring(3));
    });
    assertThat(processing).flatExtracting(ReceivedSpan::links).containsExactlyInAnyOrderElementsOf(producers);

    // then (b): the completed instance as a span in the order's trace, with a child per step
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
        .until(() -> instanceSpan(traceId) != null);
    ReceivedSpan instance = instanceSpan(traceId);
    assertThat(instance.attribute("tracker.instance.status")).isEqualTo("COMPLETED");
    assertThat(instance.attribute("tracker.instance.trace_id")).isEqualTo(traceId);
    assertThat(instance.parentSpanId()).isEmpty();
    await().atMost(Duration.ofSeconds(10)).until(() -> children(instance).size() >= TracedOrders.STEPS.size());
    assertThat(children(instance)).allSatisfy(s -> {
      assertThat(s.traceId()).isEqualTo(traceId);
      assertThat(s.attribute("tracker.step")).isEqualTo(s.name());
      assertThat(s.span().getStartTimeUnixNano()).isGreaterThanOrEqualTo(instance.span().getStartTimeUnixNano());
      assertThat(s.span().getEndTimeUnixNano()).isLessThanOrEqualTo(instance.span().getEndTimeUnixNano());
    }).extracting(ReceivedSpan::name).containsExactlyInAnyOrderElementsOf(TracedOrders.STEPS);
    System.out.printf("OTLP receiver: %d requests, %d spans%n", RECEIVER.requests(), RECEIVER.spans().size());
  }

  private static List<ReceivedSpan> processSpans(String traceId) {
    return RECEIVER.spans().stream().filter(s -> s.name().startsWith("process "))
        .filter(s -> s.links().stream().anyMatch(l -> l.startsWith(traceId + "-"))).toList();
  }

  private static ReceivedSpan instanceSpan(String traceId) {
    return RECEIVER.spans().stream().filter(s -> s.name().equals(TracedOrders.PROCESS))
        .filter(s -> s.traceId().equals(traceId)).findFirst().orElse(null);
  }

  private static List<ReceivedSpan> children(ReceivedSpan parent) {
    return RECEIVER.spans().stream().filter(s -> s.parentSpanId().equals(parent.spanId())).toList();
  }
}
