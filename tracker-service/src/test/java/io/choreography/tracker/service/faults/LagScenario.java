package io.choreography.tracker.service.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.choreography.tracker.service.it.TestDefinitions;
import io.choreography.tracker.service.it.TestKafka;
import io.choreography.tracker.service.it.TestScope;
import io.choreography.tracker.service.tracking.TrackerProcess;
import io.choreography.tracker.service.tracking.TrackerTopicReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import tools.jackson.databind.json.JsonMapper;

/**
 * A steady load of loan applications whose steps are each due 5 s after the one before, against trackers running as
 * child processes, with a fault that makes the tracker lag behind its input (frozen with SIGSTOP, or taken over
 * from). Every application sends its steps on time, 2 s apart, except one in 50 that never gets approved (truly
 * stuck). Afterwards: no correct application has a STUCK, DEADLINE or OUT_OF_ORDER incident, and each stuck one has
 * exactly one STUCK, raised within 2 s of the moment the tracker had read every record appended before its due time.
 *
 * <p>"Read" is measured from outside, on the broker: the forwarder's group has committed every business record
 * stamped before the due time, and the tracking topology's group has committed the intake records up to where the
 * intake topic ended at that moment. Sampled every 100 ms.
 */
final class LagScenario implements AutoCloseable {

  static final Duration STEP_GAP = Duration.ofSeconds(2);
  static final Duration WITHIN = Duration.ofSeconds(5);
  static final int STUCK_EVERY = 50;
  /** How long after a freeze a commit the tracker sent just before it may still be landing at the broker. */
  private static final long IN_FLIGHT_COMMIT_MILLIS = 1_000;
  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  private static final String DEFINITION = """
      id: loan
      correlation: [ { json: /loanId } ]
      eventType: [ { json: /type } ]
      eventTime: [ { json: /time } ]
      eventId: [ { json: /id } ]
      reorderWindow: 3s
      steps:
        - id: submitted
          on: { topic: %1$sapplications, type: Submitted }
        - id: checked
          on: { topic: %1$schecks, type: Checked }
          after: [submitted]
          within: 5s
        - id: approved
          on: { topic: %1$sapplications, type: Approved }
          after: [checked]
          within: 5s
        - id: disbursed
          on: { topic: %1$spayouts, type: Disbursed }
          after: [approved]
          within: 5s
          end: completed
      """;

  /** One application as sent: its id, whether it gets stuck, and when its missing step falls due. */
  record Application(String id, boolean stuck, Instant stuckDue) {}

  final TestScope scope;
  final String bootstrap;
  private final Path work;
  private final Map<String, String> properties = new LinkedHashMap<>();
  private final List<String> businessTopics;
  private final Map<String, TrackerProcess> trackers = new LinkedHashMap<>();
  private final Map<String, Integer> ports = new LinkedHashMap<>();
  private final Map<String, Application> applications = new ConcurrentHashMap<>();
  /** Per business partition, (timestamp, offset) of every record sent, in send order. */
  private final Map<TopicPartition, List<long[]>> sent = new ConcurrentHashMap<>();
  private final List<Sample> samples = new CopyOnWriteArrayList<>();
  private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(3);
  private final KafkaProducer<String, byte[]> producer;
  private final Admin admin;
  private volatile boolean producing;
  /** When the first tracker was frozen (epoch ms), 0 before. */
  private volatile long frozenAt;
  private volatile boolean intakeExists;
  private int sequence;
  /**
   * Business partitions whose forwarder offsets are pending now (sampling thread only), since when; those seen with
   * stable offsets before; the longest such stretch seen.
   */
  private final Map<TopicPartition, Long> pendingSince = new HashMap<>();
  private final Set<TopicPartition> seenStable = new HashSet<>();
  private volatile long longestPendingMillis;

  /** What the broker said at one moment: committed positions of the two groups, and where the intake topic ended. */
  private record Sample(long at, Map<TopicPartition, Long> forwarded, Map<TopicPartition, Long> intakeEnd,
      Map<TopicPartition, Long> tracked) {}

  LagScenario(String name, String bootstrap, String elasticsearch) throws Exception {
    this.scope = TestScope.create(name);
    this.bootstrap = bootstrap;
    this.work = Path.of("target", "faults", scope.indexPrefix()).toAbsolutePath();
    this.businessTopics = List.of(scope.topic("applications"), scope.topic("checks"), scope.topic("payouts"));
    scope.register((property, value) -> properties.put(property, String.valueOf(value.get())));
    properties.put("spring.kafka.bootstrap-servers", bootstrap);
    properties.put("tracker.elasticsearch.uris", elasticsearch);
    properties.put("tracker.definitions", TestDefinitions.write("loan.yaml", DEFINITION.formatted(scope.topicPrefix())));
    properties.put("tracker.tracking.partitions", "4");
    // a member that stops answering is noticed after 6 s, by the forwarder's group and by the topology's
    properties.put("spring.kafka.consumer.properties[session.timeout.ms]", "6000");
    properties.put("spring.kafka.consumer.properties[heartbeat.interval.ms]", "1000");
    properties.put("tracker.tracking.streams[session.timeout.ms]", "6000");
    properties.put("tracker.tracking.streams[heartbeat.interval.ms]", "1000");
    properties.put("logging.level.org.apache.kafka", "WARN");
    TestKafka.createTopics(bootstrap, 3, businessTopics);
    producer = TestKafka.producer(bootstrap);
    admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
  }

  /** Starts a tracker with its own state directory and port; same groups and application id as every other. */
  TrackerProcess startTracker(String name) throws Exception {
    Map<String, String> p = new LinkedHashMap<>(properties);
    Path state = work.resolve(name + "-state");
    Files.createDirectories(state);
    p.put("tracker.tracking.state-dir", state.toString());
    int port = freePort();
    p.put("server.port", Integer.toString(port));
    TrackerProcess t = TrackerProcess.start(name, p, work);
    trackers.put(name, t);
    ports.put(name, port);
    return t;
  }

  /**
   * Waits until every tracker started so far answers health UP (its pipeline running), so that the load and the
   * fault meet working trackers however long a start takes on a busy machine.
   */
  void awaitTrackersUp() {
    ports.forEach((name, port) -> await().atMost(Duration.ofSeconds(240)).pollInterval(Duration.ofSeconds(1))
        .ignoreExceptions().until(() -> MAPPER.readTree(Prometheus.get(port, "/actuator/health")).path("status")
            .asString().equals("UP")));
  }

  /** Sends a signal to a tracker; a STOP starts the freeze that {@link #check} accounts for. */
  void signal(TrackerProcess tracker, String signal) throws Exception {
    Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(tracker.pid())).inheritIO().start();
    assertThat(kill.waitFor()).isZero();
    if (signal.equals("STOP") && frozenAt == 0) {
      frozenAt = System.currentTimeMillis();
    }
  }

  /** Starts applications at {@code perSecond}, each sending its steps 2 s apart, until {@link #stopLoad}. */
  void startLoad(int perSecond) {
    producing = true;
    scheduler.scheduleAtFixedRate(() -> {
      if (producing) {
        for (int i = 0; i < perSecond / 10; i++) {
          startApplication();
        }
      }
    }, 0, 100, TimeUnit.MILLISECONDS);
    scheduler.scheduleAtFixedRate(this::sample, 0, 100, TimeUnit.MILLISECONDS);
  }

  void stopLoad() {
    producing = false;
  }

  private synchronized void startApplication() {
    int n = sequence++;
    String id = scope.indexPrefix() + "-loan-" + n;
    boolean stuck = n % STUCK_EVERY == STUCK_EVERY / 2;
    send(id, "applications", "Submitted", 0);
    scheduler.schedule(() -> {
      Instant checkedAt = send(id, "checks", "Checked", 1);
      applications.put(id, new Application(id, stuck, stuck ? checkedAt.plus(WITHIN) : null));
    }, STEP_GAP.toMillis(), TimeUnit.MILLISECONDS);
    if (!stuck) {
      scheduler.schedule(() -> send(id, "applications", "Approved", 2), 2 * STEP_GAP.toMillis(),
          TimeUnit.MILLISECONDS);
    }
    scheduler.schedule(() -> send(id, "payouts", "Disbursed", 3), 3 * STEP_GAP.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Sends one step now, its event time now; returns that time. */
  private Instant send(String id, String topic, String type, int step) {
    if (step == 3 && applications.get(id) != null && applications.get(id).stuck()) {
      return null; // nothing after the missing approval
    }
    Instant now = Instant.now();
    byte[] value = ("{\"loanId\":\"" + id + "\",\"type\":\"" + type + "\",\"id\":\"" + id + "-" + step
        + "\",\"time\":\"" + now + "\"}").getBytes(StandardCharsets.UTF_8);
    producer.send(new ProducerRecord<>(scope.topic(topic), id, value), (m, e) -> {
      if (m != null) {
        sent.computeIfAbsent(new TopicPartition(m.topic(), m.partition()), tp -> new CopyOnWriteArrayList<>())
            .add(new long[] {m.timestamp(), m.offset()});
      }
    });
    return now;
  }

  private void sample() {
    // a sample is stamped with the moment its reading began: what it read is no older than that
    long startedAt = System.currentTimeMillis();
    try {
      if (!intakeExists) {
        intakeExists = admin.listTopics().names().get(5, TimeUnit.SECONDS).contains(scope.intakeTopic());
        if (!intakeExists) {
          return;
        }
      }
      // A partition whose offsets are pending in a member's open transaction counts as not read: while a frozen
      // forwarder's transaction is open, no live one can start on the partition (its read_committed consumer waits
      // for the transaction's end to learn where), however far the offsets committed before it go.
      Map<TopicPartition, Long> forwarded = committed(properties.get("tracker.ingest.group-id"), true);
      notePending(forwarded.keySet(), startedAt);
      Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
      for (int p = 0; p < 4; p++) {
        latest.put(new TopicPartition(scope.intakeTopic(), p), OffsetSpec.latest());
      }
      Map<TopicPartition, Long> intakeEnd = new HashMap<>();
      admin.listOffsets(latest).all().get(5, TimeUnit.SECONDS).forEach((tp, o) -> intakeEnd.put(tp, o.offset()));
      Map<TopicPartition, Long> tracked = committed(properties.get("tracker.tracking.application-id"), false);
      samples.add(new Sample(startedAt, forwarded, intakeEnd, tracked));
    } catch (Exception e) {
      // a sample missed; the next one follows
    }
  }

  private void notePending(Set<TopicPartition> stable, long at) {
    for (TopicPartition tp : sent.keySet()) {
      if (stable.contains(tp)) {
        seenStable.add(tp);
        Long since = pendingSince.remove(tp);
        if (since != null) {
          longestPendingMillis = Math.max(longestPendingMillis, at - since);
        }
      } else if (seenStable.contains(tp)) {
        pendingSince.putIfAbsent(tp, at);
      }
    }
  }

  /** @param stable leave out partitions with offsets pending in an open transaction (the broker's answer for them) */
  private Map<TopicPartition, Long> committed(String group, boolean stable) throws Exception {
    Map<TopicPartition, Long> offsets = new HashMap<>();
    for (Map.Entry<TopicPartition, OffsetAndMetadata> e : admin.listConsumerGroupOffsets(group,
            new ListConsumerGroupOffsetsOptions().requireStable(stable))
        .partitionsToOffsetAndMetadata().get(5, TimeUnit.SECONDS).entrySet()) {
      if (e.getValue() != null) {
        offsets.put(e.getKey(), e.getValue().offset());
      }
    }
    return offsets;
  }

  /**
   * When the tracker had read every business record stamped before {@code due}: the forwarder committed past them,
   * and then the topology committed the intake topic up to where it ended at that moment, on samples taken no earlier
   * than {@code notBefore}. Once a tracker is frozen, a sample counts only when the topology has committed again on
   * every intake partition since: what a frozen tracker committed before is no tracker reading. Null if never.
   */
  Long caughtUpPast(Instant due, long notBefore) {
    Map<TopicPartition, Long> needed = new HashMap<>();
    sent.forEach((tp, records) -> {
      long next = 0;
      for (long[] r : records) {
        if (r[0] < due.toEpochMilli()) {
          next = Math.max(next, r[1] + 1);
        }
      }
      needed.put(tp, next);
    });
    Sample atFreeze = frozenBaseline();
    Sample forwarded = null;
    for (Sample s : samples) {
      if (s.at() >= notBefore && live(s, atFreeze)
          && needed.entrySet().stream().allMatch(n -> s.forwarded().getOrDefault(n.getKey(), 0L) >= n.getValue())) {
        forwarded = s;
        break;
      }
    }
    if (forwarded == null) {
      return null;
    }
    for (Sample s : samples) {
      if (s.at() >= forwarded.at() && live(s, atFreeze) && forwarded.intakeEnd().entrySet().stream()
          .allMatch(e -> s.tracked().getOrDefault(e.getKey(), 0L) >= e.getValue())) {
        return s.at();
      }
    }
    return null;
  }

  /** What the broker showed last, against what reading past {@code due} needs: for a failure message. */
  private String describe(Instant due) {
    Map<TopicPartition, Long> needed = new HashMap<>();
    sent.forEach((tp, records) -> records.stream().filter(r -> r[0] < due.toEpochMilli())
        .mapToLong(r -> r[1] + 1).max().ifPresent(n -> needed.put(tp, n)));
    Sample last = samples.isEmpty() ? null : samples.get(samples.size() - 1);
    Sample atFreeze = frozenBaseline();
    String freeze = atFreeze == null ? "no sample of the frozen tracker" : "tracked at the freeze " + atFreeze.tracked()
        + (last == null ? "" : ", last sample live: " + live(last, atFreeze));
    return "frozen at " + (frozenAt == 0 ? "-" : Instant.ofEpochMilli(frozenAt)) + ", " + freeze + ", " + samples.size()
        + " samples, needed " + needed + (last == null ? "" : ", last sample at " + Instant.ofEpochMilli(last.at())
        + ": forwarded " + last.forwarded() + ", intake end " + last.intakeEnd() + ", tracked " + last.tracked());
  }

  /**
   * What the frozen tracker had committed: the first sample read wholly after the freeze (and after a commit it sent
   * just before could still land). A sample taken before the freeze may be older than the tracker's last commits, so
   * comparing with it would take those for a tracker at work. Null before any freeze or such a sample.
   */
  private Sample frozenBaseline() {
    if (frozenAt == 0) {
      return null;
    }
    for (Sample s : samples) {
      if (s.at() >= frozenAt + IN_FLIGHT_COMMIT_MILLIS) {
        return s;
      }
    }
    return null;
  }

  /**
   * Whether the sample shows a tracker at work: taken before any freeze, or the topology committed on every intake
   * partition since what the frozen tracker had committed.
   */
  private boolean live(Sample s, Sample atFreeze) {
    if (frozenAt == 0 || s.at() < frozenAt) {
      return true;
    }
    return atFreeze != null && s.at() > atFreeze.at() && atFreeze.tracked().entrySet().stream()
        .allMatch(e -> s.tracked().getOrDefault(e.getKey(), 0L) > e.getValue());
  }

  /** Waits until every application ended or got its STUCK, then checks the verdicts. */
  void check(Duration maxDetection) throws Exception {
    try (TrackerTopicReader reader = new TrackerTopicReader(bootstrap,
        List.of(scope.instancesTopic(), scope.incidentsTopic()))) {
      Set<String> expectedStuck = applications.values().stream().filter(Application::stuck).map(Application::id)
          .collect(Collectors.toSet());
      await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(2)).until(() -> {
        var states = reader.lastStates(scope.instancesTopic());
        long done = applications.keySet().stream().filter(id -> {
          var s = states.get("loan/" + id);
          return s != null && s.path("status").asString().equals(expectedStuck.contains(id) ? "STUCK" : "COMPLETED");
        }).count();
        return done == applications.size();
      });
      Thread.sleep(3_000); // anything raised late would be committed by now
      List<TrackerTopicReader.Received> opened = reader.matching(r -> r.topic().equals(scope.incidentsTopic())
          && r.value().path("type").asString().equals("tracker.incident.opened"));
      Map<String, List<TrackerTopicReader.Received>> byTrace = opened.stream()
          .collect(Collectors.groupingBy(r -> r.value().path("data").path("traceId").asString()));
      List<String> falseAlarms = new ArrayList<>();
      List<String> detectionDelays = new ArrayList<>();
      long worst = 0;
      for (Application a : applications.values()) {
        List<TrackerTopicReader.Received> incidents = byTrace.getOrDefault(a.id(), List.of());
        if (!a.stuck()) {
          incidents.forEach(i -> falseAlarms.add(a.id() + " " + i.value().path("data").path("type").asString() + " "
              + i.value().path("data").path("step").asString() + ": " + i.value().path("data").path("message")));
          continue;
        }
        assertThat(incidents).as("incidents of stuck %s", a.id()).singleElement().satisfies(i -> {
          assertThat(i.value().path("data").path("type").asString()).isEqualTo("STUCK");
          assertThat(i.value().path("data").path("step").asString()).isEqualTo("approved");
        });
        long raised = incidents.get(0).timestamp().toEpochMilli();
        Long caughtUp = caughtUpPast(a.stuckDue(), 0);
        if (caughtUp != null && frozenAt != 0 && caughtUp < frozenAt && raised > frozenAt) {
          // the tracker read past the due time but froze before it could decide: its successor (or itself, thawed)
          // has to read past it again
          caughtUp = caughtUpPast(a.stuckDue(), frozenAt);
        }
        assertThat(caughtUp).as("the tracker caught up past %s (raised %s); %s", a.stuckDue(),
            Instant.ofEpochMilli(raised), describe(a.stuckDue())).isNotNull();
        long from = Math.max(a.stuckDue().toEpochMilli(), caughtUp);
        long delay = raised - from;
        worst = Math.max(worst, delay);
        if (delay > maxDetection.toMillis()) {
          detectionDelays.add(a.id() + " due " + a.stuckDue() + ", read past " + Instant.ofEpochMilli(caughtUp)
              + ", raised " + Instant.ofEpochMilli(raised) + ": " + delay + " ms after the tracker read past it"
              + (frozenAt == 0 ? "" : " (frozen at " + Instant.ofEpochMilli(frozenAt) + ")"));
        }
      }
      System.out.printf("[%s] %d applications (%d stuck), %d incidents opened, %d false alarms, worst detection"
          + " delay after catching up %d ms; forwarder offsets pending in an open transaction for up to %d ms%n",
          scope.indexPrefix(), applications.size(), expectedStuck.size(), opened.size(), falseAlarms.size(), worst,
          longestPendingMillis);
      assertThat(falseAlarms).as("incidents of correct applications").isEmpty();
      assertThat(detectionDelays).as("stuck applications found late").isEmpty();
    }
  }

  @Override
  public void close() throws Exception {
    producing = false;
    scheduler.shutdownNow();
    producer.close();
    admin.close();
    for (TrackerProcess t : trackers.values()) {
      if (t.isAlive()) {
        signal(t, "CONT");
        t.close();
      }
    }
  }

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
