package io.choreography.tracker.service.bench;

import io.choreography.tracker.model.Incident;
import io.choreography.tracker.model.IncidentStatus;
import io.choreography.tracker.model.IncidentType;
import io.choreography.tracker.model.incidents.IncidentChange;
import io.choreography.tracker.model.incidents.IncidentCodec;
import io.choreography.tracker.model.RawRecord;
import io.choreography.tracker.model.RecordHeader;
import io.choreography.tracker.model.IncidentIds;
import io.choreography.tracker.rules.extract.RecordExtractor;
import io.choreography.tracker.service.elasticsearch.IndexDocument;
import io.choreography.tracker.service.ingest.EventDocumentMapper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import tools.jackson.databind.json.JsonMapper;

/**
 * The benchmark's data set: order-fulfillment orders, each as the ten records the four demo services write for it
 * (in their formats, see {@code demo/DemoEmitters}, with payloads of about 500 bytes), turned into event documents
 * by the real {@link RecordExtractor} and {@link EventDocumentMapper}; plus each order's instance state and its
 * incidents in the agreed formats of the tracker's own topics, for the instance and incident document mappers.
 *
 * <p>Fates by order number modulo 100: 77 completed, 17 running (waiting for goods-shipped), 2 stuck in payment,
 * 1 stuck in inventory, 3 failed payment. Orders start evenly over a window before {@code now} minus 6 h (by default
 * 24 h, so over 18 h), and their last event is at most 6 h after the start, so every event lies in the window. Every
 * order has {@link #EVENTS_PER_ORDER} events; an order depends only on its number and {@code now}, except for the
 * record offsets, which count per topic partition in the order the orders are made.
 */
final class OrderHistories {

  static final String PROCESS = "order-fulfillment";
  static final int EVENTS_PER_ORDER = 10;
  private static final int PARTITIONS = 6;
  private static final String[] STATUSES = {"ACCEPTED", "PAID", "PICKING", "PACKED", "HANDED_OVER", "IN_TRANSIT",
      "OUT_FOR_DELIVERY", "DELIVERED", "REVIEWED"};

  /** The documents of one order. */
  record Order(String traceId, List<IndexDocument> events, IndexDocument instance, List<IndexDocument> incidents) {}

  private enum Fate { COMPLETED, RUNNING, STUCK_IN_PAYMENT, STUCK_IN_INVENTORY, FAILED }

  private final RecordExtractor extractor;
  private final EventDocumentMapper events;
  private final Mapper instances;
  private final Mapper incidents;
  private final String version;
  private final JsonMapper json;
  private final Instant now;
  private final Duration window;
  private final Duration spacing;
  private final Map<String, Long> nextOffset = new HashMap<>();
  private long records;
  private long valueBytes;

  /** Maps a record of one of the tracker's own topics (key, value) to its document. */
  interface Mapper {
    IndexDocument map(String key, byte[] value);
  }

  OrderHistories(RecordExtractor extractor, EventDocumentMapper events, Mapper instances, Mapper incidents,
      JsonMapper json, Instant now, int orders) {
    this(extractor, events, instances, incidents, json, now, orders, Duration.ofHours(24));
  }

  /** Orders spread over {@code window} (at least 7 h) before {@code now}, e.g. ten days of daily indices. */
  OrderHistories(RecordExtractor extractor, EventDocumentMapper events, Mapper instances, Mapper incidents,
      JsonMapper json, Instant now, int orders, Duration window) {
    if (window.compareTo(Duration.ofHours(7)) < 0) {
      throw new IllegalArgumentException("window must be at least 7 h: " + window);
    }
    this.extractor = extractor;
    this.events = events;
    this.instances = instances;
    this.incidents = incidents;
    this.version = extractor.definitions().get(PROCESS).version();
    this.json = json;
    this.now = now;
    this.window = window;
    this.spacing = window.minusHours(6).dividedBy(orders);
  }

  Order order(int n) {
    Random random = new Random(n);
    String traceId = String.format("%016x%016x", random.nextLong(), n * 0x9E3779B97F4A7C15L);
    Fate fate = fate(n);
    Instant placed = now.minus(window).plus(spacing.multipliedBy(n));
    Instant paid = placed.plusSeconds(20 + random.nextInt(40));
    Instant fetched = paid.plusSeconds(300 + random.nextInt(1500));
    Instant shipped = fetched.plusSeconds(3600 + random.nextInt(5 * 3600));
    long total = 1_000 + random.nextInt(90_000);
    String customer = "cust-" + (random.nextInt(50_000));

    List<RawRecord> records = new ArrayList<>();
    records.add(checkout(traceId, customer, total, "OrderPlaced", placed, null, random));
    Instant last = switch (fate) {
      case COMPLETED -> shipped;
      case RUNNING -> fetched;
      case STUCK_IN_INVENTORY -> paid;
      case STUCK_IN_PAYMENT, FAILED -> paid;
    };
    int main = switch (fate) {
      case COMPLETED -> 4;
      case RUNNING -> 3;
      case STUCK_IN_INVENTORY, FAILED -> 2;
      case STUCK_IN_PAYMENT -> 1;
    };
    if (fate == Fate.FAILED) {
      records.add(payment(traceId, "PaymentResult", "FAILED", total, paid, random));
    } else if (fate != Fate.STUCK_IN_PAYMENT) {
      records.add(payment(traceId, "PaymentReceived", null, total, paid, random));
    }
    if (fate == Fate.COMPLETED || fate == Fate.RUNNING) {
      records.add(inventory(traceId, fetched, random));
    }
    if (fate == Fate.COMPLETED) {
      records.add(shipping(traceId, shipped, random));
    }
    int updates = EVENTS_PER_ORDER - main;
    long span = Duration.between(placed, last.plusSeconds(600)).toMillis();
    for (int u = 0; u < updates; u++) {
      Instant at = placed.plusMillis(span * (u + 1) / (updates + 1));
      records.add(checkout(traceId, customer, total, "OrderStatusChanged", at, STATUSES[u], random));
    }

    List<IndexDocument> eventDocs = new ArrayList<>(records.size());
    // step -> {reachedAt, eventId} of the first event of that step, as the instance state records it
    Map<String, Map<String, String>> firstReached = new HashMap<>();
    for (RawRecord r : records) {
      var extracted = extractor.extract(r);
      if (!extracted.matched() || !traceId.equals(extracted.traceId())) {
        throw new IllegalStateException("record did not match its step: " + r.topic() + " " + extracted);
      }
      firstReached.putIfAbsent(extracted.matches().get(0).step(),
          Map.of("reachedAt", extracted.time().toString(), "eventId", extracted.eventId()));
      eventDocs.add(events.map(r, extracted, Instant.ofEpochMilli(r.timestamp()).plusMillis(15)));
    }
    List<IndexDocument> incidentDocs = new ArrayList<>();
    List<String> open = new ArrayList<>();
    Map<String, Object> state = instanceState(n, traceId, fate, placed, paid, fetched, shipped, firstReached,
        incidentDocs, open);
    IndexDocument instance = instances.map(PROCESS + "/" + traceId, json.writeValueAsBytes(state));
    return new Order(traceId, eventDocs, instance, incidentDocs);
  }

  private static Fate fate(int n) {
    int f = n % 100;
    if (f < 77) {
      return Fate.COMPLETED;
    } else if (f < 94) {
      return Fate.RUNNING;
    } else if (f < 96) {
      return Fate.STUCK_IN_PAYMENT;
    } else if (f < 97) {
      return Fate.STUCK_IN_INVENTORY;
    }
    return Fate.FAILED;
  }

  private Map<String, Object> instanceState(int n, String traceId, Fate fate, Instant placed, Instant paid,
      Instant fetched, Instant shipped, Map<String, Map<String, String>> firstReached, List<IndexDocument> incidentDocs,
      List<String> open) {
    Map<String, Object> steps = new LinkedHashMap<>();
    Map<String, Long> durations = new LinkedHashMap<>();
    List<Map<String, Object>> waiting = new ArrayList<>();
    reached(steps, firstReached, "order-placed");
    reached(steps, firstReached, "status-updated");
    String status = "RUNNING";
    Instant ended = null;
    Instant updated;
    switch (fate) {
      case COMPLETED -> {
        reached(steps, firstReached, "payment-received");
        reached(steps, firstReached, "goods-fetched");
        reached(steps, firstReached, "goods-shipped");
        durations.put("payment-received", Duration.between(placed, paid).toMillis());
        durations.put("goods-fetched", Duration.between(paid, fetched).toMillis());
        durations.put("goods-shipped", Duration.between(fetched, shipped).toMillis());
        status = "COMPLETED";
        ended = shipped;
        updated = shipped;
      }
      case RUNNING -> {
        reached(steps, firstReached, "payment-received");
        reached(steps, firstReached, "goods-fetched");
        durations.put("payment-received", Duration.between(placed, paid).toMillis());
        durations.put("goods-fetched", Duration.between(paid, fetched).toMillis());
        waiting.add(waitingFor("goods-shipped", fetched, fetched.plus(Duration.ofDays(1))));
        updated = fetched;
      }
      case STUCK_IN_PAYMENT -> {
        Instant due = placed.plus(Duration.ofMinutes(5));
        waiting.add(waitingFor("payment-received", placed, due));
        waiting.add(waitingFor("payment-failed", placed, null));
        status = "STUCK";
        updated = due;
        open.add(incident(n, traceId, IncidentType.STUCK, "payment-received", due, incidentDocs,
            "no payment-received within PT5M after order-placed"));
      }
      case STUCK_IN_INVENTORY -> {
        reached(steps, firstReached, "payment-received");
        durations.put("payment-received", Duration.between(placed, paid).toMillis());
        Instant due = paid.plus(Duration.ofHours(1));
        waiting.add(waitingFor("goods-fetched", paid, due));
        status = "STUCK";
        updated = due;
        open.add(incident(n, traceId, IncidentType.STUCK, "goods-fetched", due, incidentDocs,
            "no goods-fetched within PT1H after payment-received"));
      }
      default -> {
        reached(steps, firstReached, "payment-failed");
        durations.put("payment-failed", Duration.between(placed, paid).toMillis());
        status = "FAILED";
        ended = paid;
        updated = paid;
        incident(n, traceId, IncidentType.FAILED, "payment-failed", paid, incidentDocs,
            "instance ended failed at payment-failed");
      }
    }
    Map<String, Object> state = new LinkedHashMap<>();
    state.put("process", PROCESS);
    state.put("version", version);
    state.put("traceId", traceId);
    state.put("status", status);
    state.put("startedAt", placed.toString());
    state.put("endedAt", ended == null ? null : ended.toString());
    state.put("updatedAt", updated.toString());
    state.put("steps", steps);
    state.put("waitingFor", waiting);
    state.put("openIncidents", open);
    state.put("stepDurationsMs", durations);
    return state;
  }

  private static void reached(Map<String, Object> steps, Map<String, Map<String, String>> firstReached,
      String step) {
    Map<String, String> reached = firstReached.get(step);
    if (reached == null) {
      throw new IllegalStateException("no event reached " + step);
    }
    steps.put(step, reached);
  }

  private static Map<String, Object> waitingFor(String step, Instant since, Instant due) {
    Map<String, Object> w = new LinkedHashMap<>();
    w.put("step", step);
    w.put("since", since.toString());
    w.put("due", due == null ? null : due.toString());
    return w;
  }

  /**
   * Adds the incident's document (in its latest state: stuck ones open or acknowledged, failed ones open or
   * resolved) and returns its id when it is still open.
   */
  private String incident(int n, String traceId, IncidentType type, String step, Instant openedAt,
      List<IndexDocument> docs, String message) {
    String id = IncidentIds.of(PROCESS, traceId, type, step);
    String status = (n / 100) % 3 == 0 ? (type == IncidentType.STUCK ? "ACKNOWLEDGED" : "RESOLVED") : "OPEN";
    Instant changed = openedAt.plusSeconds(600);
    Incident incident = new Incident(id, type, IncidentStatus.valueOf(status), PROCESS, traceId, step, openedAt,
        status.equals("ACKNOWLEDGED") ? changed : null, status.equals("RESOLVED") ? changed : null, message, 1);
    String kind = status.equals("OPEN") ? "OPENED" : status.equals("RESOLVED") ? "RESOLVED" : "UPDATED";
    docs.add(incidents.map(id, IncidentCodec.encode(IncidentChange.of(kind, incident,
        status.equals("OPEN") ? openedAt : changed))));
    return status.equals("RESOLVED") ? null : id;
  }

  // The four services' records, as demo/DemoEmitters writes them, with fuller payloads (about 500 bytes).

  private RawRecord checkout(String orderId, String customer, long cents, String type, Instant time, String status,
      Random random) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("orderId", orderId);
    data.put("customer", customer);
    data.put("total", cents / 100.0);
    data.put("currency", "EUR");
    if (status != null) {
      data.put("status", status);
    }
    data.put("items", List.of(
        Map.of("sku", "SKU-" + random.nextInt(100_000), "name", "Espresso machine, stainless", "quantity", 1,
            "price", 249.90),
        Map.of("sku", "SKU-" + random.nextInt(100_000), "name", "Coffee beans 1 kg, medium roast", "quantity", 2,
            "price", 18.50)));
    data.put("shippingAddress", Map.of("name", "Alex Example", "street", "Example Street " + random.nextInt(200),
        "city", "Springfield", "postalCode", String.format("%05d", random.nextInt(100_000)), "country", "DE"));
    data.put("channel", "web");
    List<RecordHeader> headers = List.of(
        RecordHeader.of("ce_specversion", "1.0"),
        RecordHeader.of("ce_id", new UUID(random.nextLong(), random.nextLong()).toString()),
        RecordHeader.of("ce_source", "/checkout"),
        RecordHeader.of("ce_type", type),
        RecordHeader.of("ce_time", time.toString()),
        RecordHeader.of("content-type", "application/json"));
    return record("orders", orderId, headers, data, time);
  }

  private RawRecord payment(String orderId, String type, String status, long cents, Instant time, Random random) {
    String paymentId = "pay-" + Long.toHexString(random.nextLong());
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", type);
    body.put("eventId", new UUID(random.nextLong(), random.nextLong()).toString());
    body.put("paymentId", paymentId);
    body.put("amount", cents / 100.0);
    body.put("currency", "EUR");
    if (status != null) {
      body.put("status", status);
      body.put("reason", "card declined by issuer");
    }
    body.put("method", Map.of("kind", "card", "brand", "VISA", "last4", String.format("%04d", random.nextInt(10_000)),
        "expiry", "12/29"));
    body.put("processor", Map.of("name", "demo-psp", "reference", UUID.nameUUIDFromBytes(paymentId.getBytes(
        StandardCharsets.UTF_8)).toString(), "authorizationCode", Integer.toString(100_000 + random.nextInt(900_000))));
    body.put("riskScore", random.nextInt(100));
    body.put("occurredAt", time.toString());
    String spanId = String.format("%016x", random.nextLong() | 1);
    return record("payments", paymentId, List.of(RecordHeader.of("traceparent", "00-" + orderId + "-" + spanId
        + "-01")), body, time);
  }

  private RawRecord inventory(String orderId, Instant time, Random random) {
    String warehouse = "wh-" + (1 + random.nextInt(3));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("eventType", "GoodsFetched");
    body.put("eventId", new UUID(random.nextLong(), random.nextLong()).toString());
    body.put("orderId", orderId);
    body.put("warehouse", warehouse);
    body.put("picker", "picker-" + random.nextInt(400));
    body.put("lines", List.of(
        Map.of("sku", "SKU-" + random.nextInt(100_000), "quantity", 1, "bin", "A-" + random.nextInt(90) + "-03"),
        Map.of("sku", "SKU-" + random.nextInt(100_000), "quantity", 2, "bin", "C-" + random.nextInt(90) + "-11")));
    body.put("tote", "tote-" + Long.toHexString(random.nextLong()));
    body.put("weightGrams", 2_000 + random.nextInt(8_000));
    body.put("occurredAt", time.toEpochMilli());
    return record("inventory", warehouse, List.of(), body, time);
  }

  private RawRecord shipping(String orderId, Instant time, Random random) {
    String parcel = "parcel-" + Long.toHexString(random.nextLong());
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("orderId", orderId);
    data.put("carrier", "demo-express");
    data.put("parcel", parcel);
    data.put("service", "standard");
    data.put("trackingUrl", "https://tracking.example.com/demo-express/" + parcel);
    data.put("destination", Map.of("city", "Springfield", "postalCode",
        String.format("%05d", random.nextInt(100_000)), "country", "DE"));
    data.put("weightGrams", 2_000 + random.nextInt(8_000));
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("specversion", "1.0");
    event.put("id", new UUID(random.nextLong(), random.nextLong()).toString());
    event.put("source", "/shipping");
    event.put("type", "GoodsShipped");
    event.put("time", time.toString());
    event.put("datacontenttype", "application/json");
    event.put("data", data);
    return record("shipping", parcel, List.of(RecordHeader.of("content-type",
        "application/cloudevents+json; charset=UTF-8")), event, time);
  }

  /** The average record value (payload) size so far, in bytes. */
  long averagePayloadBytes() {
    return records == 0 ? 0 : valueBytes / records;
  }

  private RawRecord record(String topic, String key, List<RecordHeader> headers, Object value, Instant time) {
    byte[] bytes = json.writeValueAsBytes(value);
    records++;
    valueBytes += bytes.length;
    int partition = Math.floorMod(key.hashCode(), PARTITIONS);
    long offset = nextOffset.merge(topic + "-" + partition, 1L, Long::sum) - 1;
    return new RawRecord(topic, partition, offset, time.toEpochMilli() + 5, key.getBytes(StandardCharsets.UTF_8),
        headers, bytes);
  }
}
