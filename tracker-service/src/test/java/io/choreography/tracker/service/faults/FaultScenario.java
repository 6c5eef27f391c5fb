package io.choreography.tracker.service.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.choreography.tracker.rules.definition.DefinitionLoader;
import io.choreography.tracker.rules.definition.ProcessDefinitions;
import io.choreography.tracker.service.demo.DemoEmitters;
import io.choreography.tracker.service.demo.DemoOrder;
import io.choreography.tracker.service.it.TestDefinitions;
import io.choreography.tracker.service.it.TestElasticsearch;
import io.choreography.tracker.service.it.TestKafka;
import io.choreography.tracker.service.it.TestScope;
import io.choreography.tracker.service.tracking.CleanRun;
import io.choreography.tracker.service.tracking.TrackerProcess;
import io.choreography.tracker.service.tracking.TrackerTopicReader;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.assertj.core.api.SoftAssertions;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one scenario of the fault suite: demo orders produced to a tracker running as a child process, a fault
 * injected mid-load, and the checks that nothing was lost or duplicated: every valid event indexed exactly once,
 * every instance as the pure engine ends it in one clean run of the same records, no incident opened twice, and
 * every poison record visible (indexed or dead-lettered) and counted.
 */
public final class FaultScenario {

  /** Valid events per scenario; {@code -Dfaults.events=200000} for a bigger run. */
  public static final int EVENTS = Integer.getInteger("faults.events", 20_000);

  /** What a test does to the tracker or its infrastructure while the load runs. */
  public interface Fault {
    /** Starts the fault, once the tracker has indexed a quarter of the first half. */
    void begin(FaultScenario scenario) throws Exception;

    /** Ends it, after the second half was handed to the producer. */
    void end(FaultScenario scenario) throws Exception;
  }

  private static final JsonMapper JSON = JsonMapper.builder().build();

  final TestScope scope;
  final String bootstrap;
  final Path work;
  private final Map<String, String> properties = new LinkedHashMap<>();
  private final int httpPort;
  private TrackerProcess tracker;
  private int starts;

  /**
   * @param bootstrap the broker the load and the tracker use (the shared one unless the test brings its own)
   * @param trackerElasticsearch the Elasticsearch address the tracker is given (the node or a proxy to it)
   */
  public FaultScenario(String name, String bootstrap, String trackerElasticsearch) throws Exception {
    this.scope = TestScope.create(name);
    this.bootstrap = bootstrap;
    this.work = Path.of("target", "faults", scope.indexPrefix()).toAbsolutePath();
    this.httpPort = freePort();
    scope.register((property, value) -> properties.put(property, String.valueOf(value.get())));
    properties.put("spring.kafka.bootstrap-servers", bootstrap);
    properties.put("tracker.elasticsearch.uris", trackerElasticsearch);
    properties.put("tracker.definitions", definitions());
    properties.put("tracker.tracking.partitions", "4");
    Path state = work.resolve("state");
    Files.createDirectories(state);
    properties.put("tracker.tracking.state-dir", state.toString());
    // a killed member is noticed after 6 s (its open transactions are aborted after the default 10 s)
    properties.put("tracker.tracking.streams[session.timeout.ms]", "6000");
    properties.put("tracker.tracking.streams[heartbeat.interval.ms]", "1000");
    properties.put("server.port", Integer.toString(httpPort));
    properties.put("logging.level.org.apache.kafka", "WARN");
  }

  /** Starts the tracker (again): same state directory, same consumer groups, same application id. */
  public void startTracker() throws Exception {
    starts++;
    tracker = TrackerProcess.start("tracker-" + starts, properties, work);
  }

  /** Everything the trackers of this scenario logged, every start's log after the other. */
  public String trackerLogs() throws Exception {
    StringBuilder all = new StringBuilder();
    for (int i = 1; i <= starts; i++) {
      Path log = work.resolve("tracker-" + i + ".log");
      if (Files.exists(log)) {
        all.append(new String(Files.readAllBytes(log), java.nio.charset.StandardCharsets.UTF_8));
      }
    }
    return all.toString();
  }

  /** kill -9 of the running tracker. */
  public void killTracker() throws Exception {
    tracker.kill();
  }

  /** What one run measured. */
  public record Outcome(int validEvents, int poisonRecords, int instances, int incidents, double seconds) {}

  /** Produces {@link #EVENTS} valid events and {@code poison} poison records around {@code fault}, then checks. */
  public Outcome run(Fault fault, List<PoisonCorpus.Poison> poison) throws Exception {
    // given
    List<String> businessTopics = DemoEmitters.TOPICS.stream().map(scope::topic).toList();
    TestKafka.createTopics(bootstrap, 4, businessTopics);
    String events = scope.indexPrefix() + "-events-*";
    long started = System.nanoTime();
    List<Future<RecordMetadata>> valid = new ArrayList<>();
    List<Future<RecordMetadata>> poisonSends = new ArrayList<>();
    try (KafkaProducer<String, byte[]> producer = TestKafka.producer(bootstrap);
        KafkaProducer<byte[], byte[]> raw = TestKafka.rawProducer(bootstrap);
        TestElasticsearch es = new TestElasticsearch(scope.infrastructure().elasticsearchUri());
        TrackerTopicReader reader = new TrackerTopicReader(bootstrap,
            List.of(scope.instancesTopic(), scope.incidentsTopic()))) {
      await().atMost(Duration.ofSeconds(30)).until(() -> businessTopics.stream().allMatch(t ->
          producer.partitionsFor(t).stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty())));
      DemoLoad load = new DemoLoad(new DemoEmitters(producer, JSON, scope.topicPrefix()));
      startTracker();
      try {
        // when: half the load (and half the poison), the fault once the tracker is busy, the other half
        int half = EVENTS / 2;
        produce(load, raw, half, valid, poison.subList(0, poison.size() / 2), poisonSends);
        producer.flush();
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
            .until(() -> es.count(events) >= half / 2);
        System.out.printf("[%s] fault begins: %d documents indexed, %.1f s in%n", scope.indexPrefix(),
            es.count(events), seconds(started));
        fault.begin(this);
        produce(load, raw, EVENTS - half, valid, poison.subList(poison.size() / 2, poison.size()),
            poisonSends);
        fault.end(this);
        System.out.printf("[%s] fault ended, %.1f s in%n", scope.indexPrefix(), seconds(started));
        producer.flush();
        raw.flush();
        Set<String> validCoordinates = coordinates(valid);
        Set<String> poisonCoordinates = coordinates(poisonSends);
        assertThat(validCoordinates).hasSize(EVENTS);

        // then: every event indexed exactly once, every poison record indexed or dead-lettered
        Set<String> deadLettered = new HashSet<>();
        try (DeadLetters dead = new DeadLetters(bootstrap, "tracker.dead-letter." + scope.indexPrefix().substring(3))) {
          await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(2)).until(() -> {
            deadLettered.addAll(dead.sources());
            return es.count(events) + deadLettered.size() >= EVENTS + poison.size();
          });
        }
        Map<String, String> kinds = EventDocuments.kinds(es, events);
        System.out.printf("[%s] %d documents indexed, %d dead-lettered, %.1f s in%n", scope.indexPrefix(),
            kinds.size(), deadLettered.size(), seconds(started));
        assertThat(es.count(events)).as("no document twice").isEqualTo(kinds.size());
        assertThat(kinds.keySet()).containsAll(validCoordinates);
        assertThat(deadLettered).as("no valid event dead-lettered").noneMatch(validCoordinates::contains);
        Set<String> expected = new HashSet<>(validCoordinates);
        expected.addAll(poisonCoordinates);
        Set<String> visible = new HashSet<>(kinds.keySet());
        visible.addAll(deadLettered);
        assertThat(visible).as("every record indexed or dead-lettered, nothing else").isEqualTo(expected);
        assertThat(kinds.size() + deadLettered.size()).as("each record once").isEqualTo(expected.size());
        assertEachPoisonRecord(es, events, poison, poisonSends, deadLettered);

        // then: every instance as in a clean run, each change committed once, no incident opened twice
        ProcessDefinitions definitions = DefinitionLoader.loadDirectory(Path.of(properties.get("tracker.definitions")));
        CleanRun clean = CleanRun.of(bootstrap, businessTopics, definitions, InstantSource.fixed(Instant.now()), true);
        long trackedPoison = poison.stream().filter(p -> p.expect().tracked()).count();
        assertThat(clean.events).isEqualTo(EVENTS + trackedPoison);
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(2))
            .until(() -> clean.differences(reader.lastStates(scope.instancesTopic())).isEmpty());
        // anything duplicated by a replay would be committed by now
        Thread.sleep(3_000);
        assertThat(clean.differences(reader.lastStates(scope.instancesTopic()))).isEmpty();
        List<TrackerTopicReader.Received> changes = reader.matching(r -> r.topic().equals(scope.instancesTopic()));
        long distinct = changes.stream().map(r -> r.key() + " " + CleanRun.withoutUpdatedAt(r.value())).distinct()
            .count();
        System.out.printf("[%s] %d committed instance changes (%d distinct), %d expected; %d records redelivered to"
            + " the reader after its rebalance, not counted%n", scope.indexPrefix(), changes.size(), distinct,
            clean.instanceChanges, reader.redelivered());
        SoftAssertions soft = new SoftAssertions();
        soft.assertThat(changes).as("each committed instance change exactly once")
            .hasSize(clean.instanceChanges);
        Map<String, Long> openedPerId = reader.matching(r -> r.topic().equals(scope.incidentsTopic())
                && r.value().path("type").asString().equals("tracker.incident.opened"))
            .stream().collect(Collectors.groupingBy(r -> r.value().path("data").path("id").asString(),
                Collectors.counting()));
        soft.assertThat(openedPerId.values()).as("no incident opened twice").allMatch(n -> n == 1);
        Set<String> correlated = reader.matching(r -> r.topic().equals(scope.incidentsTopic())
                && r.value().path("type").asString().equals("tracker.incident.opened")
                && !r.value().path("data").path("type").asString().equals("UNCORRELATED"))
            .stream().map(r -> r.value().path("data").path("id").asString()).collect(Collectors.toSet());
        soft.assertThat(correlated).as("incidents opened").isEqualTo(clean.openedIncidents);
        soft.assertThat(clean.openedIncidents).isNotEmpty();
        soft.assertAll();
        Map<String, Long> statuses = clean.finalStates.values().stream()
            .collect(Collectors.groupingBy(s -> s.path("status").asString(), Collectors.counting()));
        if (!poison.isEmpty()) {
          assertPoisonCounted(poison);
          assertPoisonInstances(poison, reader);
          assertMovingAfterARestart(producer, es, events, reader);
        }
        Outcome outcome = new Outcome(EVENTS, poison.size(), clean.finalStates.size(), openedPerId.size(),
            seconds(started));
        System.out.printf("[%s] %s, instances by status %s%n", scope.indexPrefix(), outcome, statuses);
        return outcome;
      } finally {
        tracker.close();
      }
    }
  }

  private void produce(DemoLoad load, KafkaProducer<byte[], byte[]> raw, int events,
      List<Future<RecordMetadata>> valid, List<PoisonCorpus.Poison> poison, List<Future<RecordMetadata>> sent) {
    // poison spread evenly through the valid traffic, in slices of the load
    int slices = Math.max(1, poison.size());
    int perSlice = Math.max(1, events / slices);
    int produced = 0;
    int p = 0;
    while (produced < events) {
      produced += load.emit(Math.min(perSlice, events - produced), valid);
      if (p < poison.size()) {
        sent.add(raw.send(poison.get(p++).record()));
      }
    }
    while (p < poison.size()) {
      sent.add(raw.send(poison.get(p++).record()));
    }
  }

  /** Each poison record individually: indexed as its kind says (kind, truncation, problem, index), or dead-lettered. */
  private static void assertEachPoisonRecord(TestElasticsearch es, String events, List<PoisonCorpus.Poison> poison,
      List<Future<RecordMetadata>> sent, Set<String> deadLettered) throws Exception {
    List<String> ids = new ArrayList<>();
    for (Future<RecordMetadata> f : sent) {
      ids.add(coordinate(f.get(60, TimeUnit.SECONDS)));
    }
    Map<String, tools.jackson.databind.JsonNode> docs = EventDocuments.summaries(es, events, ids);
    SoftAssertions soft = new SoftAssertions();
    for (int i = 0; i < poison.size(); i++) {
      PoisonCorpus.Poison p = poison.get(i);
      String id = ids.get(i);
      tools.jackson.databind.JsonNode hit = docs.get(id);
      if (hit == null) {
        soft.assertThat(deadLettered).as("%s %s neither indexed nor dead-lettered", p.kind(), id).contains(id);
        continue;
      }
      tools.jackson.databind.JsonNode doc = hit.path("_source");
      String what = p.kind() + " " + id;
      soft.assertThat(doc.path("payloadKind").asString()).as(what).isEqualTo(p.expect().payloadKind());
      soft.assertThat(doc.path("payloadTruncated").asBoolean()).as(what + " truncated").isEqualTo(p.expect().truncated());
      if (p.expect().problem() != null) {
        soft.assertThat(doc.path("problems").toString()).as(what + " problems").contains(p.expect().problem());
      }
      if (p.expect().index() != null) {
        soft.assertThat(hit.path("_index").asString()).as(what + " index").endsWith(p.expect().index());
      }
    }
    soft.assertAll();
  }

  /** The counters of what the corpus says each record is counted as, against the tracker's metrics. */
  private void assertPoisonCounted(List<PoisonCorpus.Poison> poison) throws Exception {
    Map<String, Long> expected = poison.stream().filter(p -> p.expect().counter() != null)
        .collect(Collectors.groupingBy(p -> p.expect().counter(), java.util.TreeMap::new, Collectors.counting()));
    String page = Prometheus.scrape(httpPort);
    Map<String, Long> counted = new java.util.TreeMap<>();
    for (String counter : expected.keySet()) {
      String[] c = counter.split(":");
      String metric = c[0].equals("malformed") ? "tracker_events_malformed_total" : "tracker_events_refused_total";
      String label = c[0].equals("malformed") ? "kind=\"" + c[1] + "\"" : "value=\"" + c[1] + "\"";
      counted.put(counter, (long) Prometheus.sum(page, metric, label));
    }
    System.out.printf("[%s] poison counted %s, expected %s%n", scope.indexPrefix(), counted, expected);
    assertThat(counted).isEqualTo(expected);
  }

  /** Poison that is still a valid event (a long non-ASCII trace id) has its instance. */
  private void assertPoisonInstances(List<PoisonCorpus.Poison> poison, TrackerTopicReader reader) {
    Map<String, tools.jackson.databind.JsonNode> states = reader.lastStates(scope.instancesTopic());
    for (PoisonCorpus.Poison p : poison) {
      if (p.expect().instance()) {
        assertThat(states).as("instance of %s", p.kind()).containsKey("order-fulfillment/" + p.traceId());
      }
    }
  }

  /**
   * After the whole corpus and a restart: a normal order produced last is searchable, its instance current, and
   * health UP.
   */
  private void assertMovingAfterARestart(KafkaProducer<String, byte[]> producer, TestElasticsearch es, String events,
      TrackerTopicReader reader) throws Exception {
    tracker.close();
    startTracker();
    DemoOrder order = DemoOrder.next(DemoOrder.Scenario.HAPPY);
    RecordMetadata m = new DemoEmitters(producer, JSON, scope.topicPrefix())
        .checkout(order, "OrderPlaced", Instant.now(), Map.of()).get(60, TimeUnit.SECONDS);
    String id = coordinate(m);
    await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
        .until(() -> EventDocuments.summaries(es, events, List.of(id)).containsKey(id));
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
        .until(() -> reader.lastStates(scope.instancesTopic()).containsKey("order-fulfillment/" + order.orderId()));
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
        .until(() -> JSON.readTree(Prometheus.get(httpPort, "/actuator/health")).path("status").asString()
            .equals("UP"));
    System.out.printf("[%s] after the corpus and a restart: a new order indexed and tracked, health UP%n",
        scope.indexPrefix());
  }

  private static Set<String> coordinates(List<Future<RecordMetadata>> sends) throws Exception {
    Set<String> all = new HashSet<>();
    for (Future<RecordMetadata> f : sends) {
      all.add(coordinate(f.get(120, TimeUnit.SECONDS)));
    }
    return all;
  }

  private static String coordinate(RecordMetadata m) {
    return m.topic() + "-" + m.partition() + "-" + m.offset();
  }

  /**
   * The order-fulfillment definition on this scope's topics, with a reorder window long enough that the pause of
   * a fault never turns transport reordering into OUT_OF_ORDER.
   */
  private String definitions() throws Exception {
    Path dir = Path.of(TestDefinitions.orderFulfillment(scope.topicPrefix()));
    Path file = dir.resolve("order-fulfillment.yaml");
    Files.writeString(file, Files.readString(file).replace("reorderWindow: 30s", "reorderWindow: 5m"));
    return dir.toString();
  }

  private static double seconds(long since) {
    return (System.nanoTime() - since) / 1e9;
  }

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
