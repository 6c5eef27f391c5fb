package io.choreography.tracker.service.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.choreography.tracker.model.IncidentType;
import io.choreography.tracker.service.config.DemoDefinition;
import io.choreography.tracker.rules.cli.TrackerCli;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The demo's first orders, as its simulated services emit them at 2 orders/s, run offline through the tracker
 * (the {@code replay} command, the same engine as the service) with the demo's definition: every kind of incident
 * and an escalation within 90 s of the start, on a clock of the test's own.
 */
class DemoTimelineTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Instant START = Instant.parse("2026-03-01T10:00:00Z");
  private static final Duration ORDER_EVERY = Duration.ofMillis(500);

  @TempDir Path dir;

  @Test
  void shouldShowEveryKindOfIncidentAndAnEscalationWithin90SecondsOfTheStart() throws IOException {
    // given: the first orders, one per scenario, played on the test's clock
    List<String> records = recordsOfTheFirstOrders();
    Path definitions = Files.createDirectories(dir.resolve("definitions"));
    Files.writeString(definitions.resolve("order-fulfillment.yaml"), DemoDefinition.yaml());
    Path input = Files.write(dir.resolve("demo.jsonl"), records);

    // when
    List<JsonNode> output = replay(definitions, input);

    // then
    Map<IncidentType, Instant> firstOpened = new EnumMap<>(IncidentType.class);
    List<Instant> escalations = new ArrayList<>();
    for (JsonNode line : output) {
      Instant at = line.has("at") ? Instant.parse(line.path("at").asString()) : null;
      if ("OPENED".equals(line.path("change").asString())) {
        firstOpened.putIfAbsent(IncidentType.valueOf(line.path("incident").path("type").asString()), at);
      } else if (line.has("escalation")) {
        escalations.add(at);
      }
    }
    Instant by = START.plusSeconds(90);
    assertThat(firstOpened).containsOnlyKeys(IncidentType.values());
    assertThat(firstOpened.values()).allSatisfy(at -> assertThat(at).isBefore(by));
    assertThat(escalations).isNotEmpty().allSatisfy(at -> assertThat(at).isBefore(by));
    System.out.println("demo timeline: first incident of each type " + firstOpened + ", first escalation "
        + escalations.get(0));
  }

  @Test
  void shouldKeepTheBundledExampleARealisticTemplate() {
    // given
    var bundled = io.choreography.tracker.rules.definition.DefinitionLoader.loadBundledExamples()
        .get("order-fulfillment");
    var demo = DemoDefinition.load().get("order-fulfillment");

    // then: the same steps (the demo adds the step its escalation is read back as), the demo's timings far shorter
    assertThat(demo.steps()).extracting(s -> s.id())
        .containsAll(bundled.steps().stream().map(s -> s.id()).toList());
    assertThat(bundled.step("payment-received").within()).isEqualTo(Duration.ofMinutes(5));
    assertThat(bundled.deadline()).isEqualTo(Duration.ofDays(2));
    assertThat(demo.deadline()).isLessThanOrEqualTo(Duration.ofSeconds(60));
    assertThat(demo.steps()).allSatisfy(s -> {
      if (s.within() != null) {
        assertThat(s.within()).isLessThanOrEqualTo(Duration.ofSeconds(30));
      }
    });
  }

  /** The records of the demo's first orders (one of each scenario), in the JSONL format of {@code replay}. */
  private static List<String> recordsOfTheFirstOrders() {
    MockProducer<String, byte[]> producer = new MockProducer<>(true, null, new StringSerializer(),
        new ByteArraySerializer());
    DemoEmitters emit = new DemoEmitters(producer, JSON, "");
    record Timed(Instant at, DemoScript.Action action) {}
    List<Timed> timeline = new ArrayList<>();
    for (int n = 1; n <= DemoOrder.Scenario.FIRST.size(); n++) {
      Instant placed = START.plus(ORDER_EVERY.multipliedBy(n - 1));
      for (DemoScript.Action a : DemoScript.of(DemoOrder.next(DemoOrder.Scenario.of(n)))) {
        timeline.add(new Timed(placed.plusMillis(a.afterMillis()), a));
      }
    }
    timeline.sort(Comparator.comparing(Timed::at));
    List<String> lines = new ArrayList<>();
    for (Timed t : timeline) {
      int before = producer.history().size();
      t.action().emission().emit(emit, t.at());
      for (ProducerRecord<String, byte[]> r : producer.history().subList(before, producer.history().size())) {
        lines.add(line(r, t.at(), lines.size()));
      }
    }
    return lines;
  }

  private static String line(ProducerRecord<String, byte[]> r, Instant at, int offset) {
    Map<String, Object> headers = new LinkedHashMap<>();
    for (Header h : r.headers()) {
      headers.put(h.key(), new String(h.value(), StandardCharsets.UTF_8));
    }
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("topic", r.topic());
    line.put("offset", offset);
    line.put("timestamp", at.toString());
    line.put("key", r.key());
    line.put("headers", headers);
    line.put("value", new String(r.value(), StandardCharsets.UTF_8));
    return JSON.writeValueAsString(line);
  }

  private static List<JsonNode> replay(Path definitions, Path input) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = new TrackerCli().run(new String[] {"replay", "--definitions", definitions.toString(), "--output",
        "jsonl", input.toString()}, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(status).as("replay: %s", err.toString(StandardCharsets.UTF_8)).isZero();
    return out.toString(StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).map(JSON::readTree).toList();
  }
}
