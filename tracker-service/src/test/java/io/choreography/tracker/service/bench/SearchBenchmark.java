package io.choreography.tracker.service.bench;

import io.choreography.tracker.service.elasticsearch.IndexDocument;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Not a test: how long {@code GET /api/search?q=} takes with 10,000,000 events indexed, for each kind of value it
 * resolves: trace ids, business key values, Kafka record keys, event ids, and values nothing holds.
 *
 * <p>The data set is {@link TraceLookupBenchmark}'s (1,000,000 order-fulfillment orders of ten events over 10 days,
 * their instances and incidents, loaded by {@code _bulk} under the tracker's templates, see {@link OrderDataSet}),
 * with the business keys of issue 17 on every second order (the even ones): its payment event carries {@code keys
 * {paymentId}} and {@code keyValues}, its shipping event {@code keys {parcelId}}, its instance document both (the
 * tracker's mappers do not write them yet, so they are added to the documents as loaded). The record key of a payment
 * is the payment id, of a shipping event the parcel id, of an inventory event its warehouse (one of three, so each is
 * the key of about 310,000 events: 94 % of the orders reach inventory). It starts the real tracker on that data and,
 * from one client, sequentially, over one kept-alive connection, after {@code warmup} searches of mixed kinds, makes
 * {@code searches} searches of each kind (the kinds taking turns), of random orders: a trace id (the order's instance,
 * matchedOn {@code traceId}); a payment or parcel id of an even order ({@code key:paymentId} / {@code key:parcelId});
 * the payment id of an odd order, only its record key ({@code recordKey}); the id of one of its events ({@code
 * eventId}); and {@code missing} random values (no item). Every answer is checked: exactly the order's one instance
 * with its status and the expected {@code matchedOn}, or no item. Then {@code shared} searches for a warehouse record
 * key (50 items, truncated), reported apart: a value hundreds of thousands of events share is the worst case of one
 * search, not a lookup an on-call engineer makes. It prints p50, p90, p99 and max
 * per kind, the data set, the machine, the load average and a RESULT line.
 *
 * <p>Run, from the repository root:
 *
 * <pre>
 * ./mvnw -B -ntp -Pbenchmarks -pl tracker-service -am verify -DskipTests -Dbenchmark=SearchBenchmark \
 *     -Dbenchmark.args="events=10000000"
 * </pre>
 *
 * <p>Options ({@code name=value}): {@code events} (10000000), {@code days} (10), {@code searches} (1000 per kind),
 * {@code warmup} (400), {@code missing} (500), {@code shared} (20), {@code esHeapMb} (1024), {@code seed} (1), {@code
 * dir} ({@code target/bench-search}) and {@code keep} (false), as for {@link TraceLookupBenchmark} (a kept data set of
 * this benchmark is noted apart from that one's: the documents differ). Measured figures: docs/performance.md,
 * "Search by any business key".
 */
public final class SearchBenchmark {

  private static final Set<String> OPTIONS = Set.of("events", "days", "searches", "warmup", "missing", "shared",
      "esHeapMb", "seed", "dir", "keep");
  private static final String NOTE = "search-data-set.properties";
  /** An event id the tracker made of the record's position, which depends on the order of loading. */
  private static final Pattern POSITION_ID = Pattern.compile(".+-\\d+-\\d+");
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final OrderHistories histories;
  private final int orders;
  private final Random random;
  private final int port;

  /** What a search must answer: the trace and its instance's status with matchedOn, or (traceId null) nothing. */
  private record Expected(String q, String traceId, String status, String matchedOn) {}

  private SearchBenchmark(OrderHistories histories, int orders, long seed, int port) {
    this.histories = histories;
    this.orders = orders;
    this.random = new Random(seed);
    this.port = port;
  }

  public static void main(String[] args) throws Exception {
    Machine.quietLogging();
    Options options = new Options(args, OPTIONS);
    TraceLookupBenchmark.DataSet set = TraceLookupBenchmark.DataSet.of(options, "target/bench-search", NOTE, "search",
        SearchBenchmark::withKeys);
    int searches = options.integer("searches", 1000);
    int warmUp = options.integer("warmup", 400);
    int missing = options.integer("missing", 500);
    int shared = options.integer("shared", 20);
    long seed = options.longValue("seed", 1);
    TraceLookupBenchmark.onDataSet(set, (port, client, names, now, description) -> {
      SearchBenchmark benchmark = new SearchBenchmark(set.histories(names, now), set.orders(), seed, port);
      benchmark.run(warmUp, searches, missing, shared, description, set.heapMb());
    });
    System.exit(0);
  }

  /** Order {@code n} with the business keys of its payment and shipping events, on every second order. */
  static OrderHistories.Order withKeys(int n, OrderHistories.Order order) {
    if (n % 2 != 0) {
      return order;
    }
    List<IndexDocument> events = new ArrayList<>(order.events().size());
    Map<String, List<String>> instanceKeys = new LinkedHashMap<>();
    for (IndexDocument doc : order.events()) {
      String name = doc.id().startsWith("payments-") ? "paymentId" : doc.id().startsWith("shipping-") ? "parcelId"
          : null;
      if (name == null) {
        events.add(doc);
        continue;
      }
      String value = JSON.readTree(doc.json()).path("key").asString();
      instanceKeys.put(name, List.of(value));
      events.add(with(doc, Map.of("keys", Map.of(name, value), "keyValues", List.of(value))));
    }
    List<String> values = instanceKeys.values().stream().flatMap(List::stream).toList();
    IndexDocument instance = instanceKeys.isEmpty() ? order.instance()
        : with(order.instance(), Map.of("keys", instanceKeys, "keyValues", values));
    return new OrderHistories.Order(order.traceId(), events, instance, order.incidents());
  }

  /** The document with these fields added at its end (its JSON object's last bytes are {@code '}'}). */
  private static IndexDocument with(IndexDocument doc, Map<String, Object> fields) {
    byte[] json = doc.json();
    if (json[json.length - 1] != '}') {
      throw new IllegalStateException("not a JSON object: " + doc.id());
    }
    String more = JSON.writeValueAsString(fields);
    byte[] add = ("," + more.substring(1)).getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[json.length - 1 + add.length];
    System.arraycopy(json, 0, out, 0, json.length - 1);
    System.arraycopy(add, 0, out, json.length - 1, add.length);
    return new IndexDocument(doc.index(), doc.id(), out);
  }

  private void run(int warmUp, int searches, int missing, int shared, String dataSet, int heapMb) throws Exception {
    List<String> kinds = List.of("traceId", "key", "recordKey", "eventId");
    System.out.printf("warm-up: %,d searches ...%n", warmUp);
    for (int i = 0; i < warmUp; i++) {
      timed(expected(kinds.get(i % kinds.size())));
    }
    Map<String, List<Double>> measured = new LinkedHashMap<>();
    long start = System.nanoTime();
    kinds.forEach(k -> measured.put(k, new ArrayList<>()));
    System.out.printf("measuring %,d searches of each kind %s, the kinds taking turns ...%n", searches, kinds);
    for (int i = 0; i < searches; i++) {
      for (String kind : kinds) {
        measured.get(kind).add(timed(expected(kind)));
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf("measuring %,d searches for values nothing holds ...%n", missing);
    List<Double> none = new ArrayList<>();
    for (int i = 0; i < missing; i++) {
      byte[] id = new byte[12];
      random.nextBytes(id);
      none.add(timed(new Expected("none-" + HexFormat.of().formatHex(id), null, null, null)));
    }
    System.out.printf("measuring %,d searches for a warehouse record key (about 310,000 events each) ...%n", shared);
    List<Double> many = new ArrayList<>();
    for (int i = 0; i < shared; i++) {
      many.add(timedShared("wh-" + (1 + i % 3)));
    }
    String load = Files.readString(Path.of("/proc/loadavg")).trim();

    System.out.println();
    System.out.println("machine: " + Machine.describe() + "; Elasticsearch heap " + heapMb + " MB; load average "
        + "after measuring (1, 5, 15 min ...): " + load);
    System.out.println("data set: " + dataSet + "; business keys on every second order (payment and parcel ids)");
    System.out.printf(Locale.ROOT, "%,d searches of existing values in %.1f s (%.0f searches/s, one client, "
        + "sequential), each answer checked: the order's one instance, its status, the expected matchedOn%n",
        searches * kinds.size(), seconds, searches * kinds.size() / seconds);
    System.out.println();
    System.out.println("| `GET /api/search?q=` for | n | p50 ms | p90 ms | p99 ms | max ms |");
    System.out.println("|---|---:|---:|---:|---:|---:|");
    System.out.println(TraceLookupBenchmark.row("a trace id (matchedOn traceId)", measured.get("traceId")));
    System.out.println(TraceLookupBenchmark.row("a payment or parcel id (key:paymentId, key:parcelId)",
        measured.get("key")));
    System.out.println(TraceLookupBenchmark.row("a payment's record key only (recordKey)", measured.get("recordKey")));
    System.out.println(TraceLookupBenchmark.row("an event id (eventId)", measured.get("eventId")));
    System.out.println(TraceLookupBenchmark.row("a value nothing holds (no item)", none));
    System.out.println(TraceLookupBenchmark.row("a warehouse record key, ~310,000 events (50 items, truncated)", many));
    List<Double> all = new ArrayList<>();
    measured.values().forEach(all::addAll);
    all.addAll(none);
    Percentiles p = new Percentiles(all);
    System.out.println();
    System.out.printf(Locale.ROOT, "RESULT search_p99_ms=%.1f traceId_p99_ms=%.1f key_p99_ms=%.1f "
        + "recordKey_p99_ms=%.1f eventId_p99_ms=%.1f missing_p99_ms=%.1f search_p50_ms=%.1f shared_key_p99_ms=%.1f "
        + "events=%d loadavg=\"%s\"%n", p.at(99), p99(measured.get("traceId")), p99(measured.get("key")),
        p99(measured.get("recordKey")), p99(measured.get("eventId")), p99(none), p.at(50), p99(many),
        (long) orders * OrderHistories.EVENTS_PER_ORDER, load);
  }

  private static double p99(List<Double> values) {
    return new Percentiles(values).at(99);
  }

  /** A search of the kind for a random order that has such a value, with what it must answer. */
  private Expected expected(String kind) {
    while (true) {
      int n = random.nextInt(orders);
      boolean keyed = n % 2 == 0;
      OrderHistories.Order order = histories.order(n);
      String status = JSON.readTree(order.instance().json()).path("status").asString();
      Map<String, String> recordKeys = new LinkedHashMap<>();
      List<String> eventIds = new ArrayList<>();
      for (IndexDocument doc : order.events()) {
        JsonNode event = JSON.readTree(doc.json());
        recordKeys.put(doc.id().substring(0, doc.id().indexOf('-')), event.path("key").asString());
        String eventId = event.path("eventId").asString();
        if (!POSITION_ID.matcher(eventId).matches()) {
          eventIds.add(eventId);
        }
      }
      switch (kind) {
        case "traceId" -> {
          return new Expected(order.traceId(), order.traceId(), status, "traceId");
        }
        case "key" -> {
          String name = random.nextBoolean() ? "shipping" : "payments";
          if (keyed && recordKeys.containsKey(name)) {
            return new Expected(recordKeys.get(name), order.traceId(), status,
                name.equals("shipping") ? "key:parcelId" : "key:paymentId");
          }
        }
        case "recordKey" -> {
          if (!keyed && recordKeys.containsKey("payments")) {
            return new Expected(recordKeys.get("payments"), order.traceId(), status, "recordKey");
          }
        }
        case "eventId" -> {
          if (!eventIds.isEmpty()) {
            return new Expected(eventIds.get(random.nextInt(eventIds.size())), order.traceId(), status, "eventId");
          }
        }
        default -> throw new IllegalArgumentException(kind);
      }
    }
  }

  /** One timed search; fails unless the answer is what {@code expected} says. */
  private double timed(Expected expected) throws IOException, InterruptedException {
    long start = System.nanoTime();
    byte[] body = search(expected.q());
    double ms = (System.nanoTime() - start) / 1e6;
    JsonNode answer = JSON.readTree(body);
    JsonNode items = answer.path("items");
    boolean right = expected.traceId() == null ? items.isEmpty() : items.size() == 1
        && expected.traceId().equals(items.get(0).path("traceId").asString())
        && OrderHistories.PROCESS.equals(items.get(0).path("process").asString())
        && expected.status().equals(items.get(0).path("status").asString())
        && expected.matchedOn().equals(items.get(0).path("matchedOn").asString());
    if (!right || answer.path("truncated").asBoolean()) {
      throw new IllegalStateException("search for " + expected.q() + " answered " + answer + ", expected " + expected);
    }
    return ms;
  }

  /** One timed search for a value of very many events; fails unless it answers 50 items, truncated. */
  private double timedShared(String q) throws IOException, InterruptedException {
    long start = System.nanoTime();
    byte[] body = search(q);
    double ms = (System.nanoTime() - start) / 1e6;
    JsonNode answer = JSON.readTree(body);
    if (answer.path("items").size() != 50 || !answer.path("truncated").asBoolean()) {
      throw new IllegalStateException("search for " + q + " answered " + answer.path("items").size() + " items, "
          + "truncated " + answer.path("truncated") + "; expected 50, truncated");
    }
    return ms;
  }

  /** The answer's body; the time of one search is that of this call (the HTTP exchange), as for trace lookups. */
  private byte[] search(String q) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/search?q="
        + URLEncoder.encode(q, StandardCharsets.UTF_8))).build();
    HttpResponse<byte[]> response = http.send(request, BodyHandlers.ofByteArray());
    if (response.statusCode() != 200) {
      throw new IllegalStateException("search for " + q + " answered " + response.statusCode() + ": "
          + new String(response.body(), StandardCharsets.UTF_8));
    }
    return response.body();
  }
}
