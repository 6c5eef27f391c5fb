package io.choreography.tracker.service.bench;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.http.util.EntityUtils;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Freshness of sampled documents: from the moment an event was handed to the producer until a search finds its
 * document, or the instance document it creates (a search, not a get: a document is searchable only once its index
 * was refreshed). Every {@code pollMillis} one {@code ids} query asks for all sampled documents not found yet.
 *
 * <p>With a {@code stampField} (a time the tracker wrote into the document: {@code receivedAt} of an event, when the
 * forwarder read it; {@code updatedAt} of an instance, when the topology changed it) each found document's freshness
 * is also split at that time: send to stamp, and stamp to searchable (wall clock, the same machine's).
 */
final class FreshnessProbe implements AutoCloseable {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final RestClient client;
  private final String indexPattern;
  private final long pollMillis;
  private final String stampField;
  private final Map<String, Sent> pending = new ConcurrentHashMap<>();
  private final List<Double> millis = Collections.synchronizedList(new ArrayList<>());
  private final List<Double> toStamp = Collections.synchronizedList(new ArrayList<>());
  private final List<Double> fromStamp = Collections.synchronizedList(new ArrayList<>());
  private final BlockingQueue<Acked> acks = new LinkedBlockingQueue<>();
  private final Thread thread;
  private final Thread acknowledger;
  private volatile boolean running = true;
  private volatile Exception failure;

  FreshnessProbe(RestClient client, String indexPattern, long pollMillis) {
    this(client, indexPattern, pollMillis, null);
  }

  FreshnessProbe(RestClient client, String indexPattern, long pollMillis, String stampField) {
    this.client = client;
    this.stampField = stampField;
    this.indexPattern = indexPattern;
    this.pollMillis = pollMillis;
    this.thread = new Thread(this::poll, "freshness-probe");
    thread.setDaemon(true);
    thread.start();
    this.acknowledger = new Thread(this::acknowledge, "freshness-acks");
    acknowledger.setDaemon(true);
    acknowledger.start();
  }

  /** A sampled event: its send, and {@link System#nanoTime()} when it was handed to the producer. */
  void sent(Future<RecordMetadata> send, long sentNanos) {
    acks.add(new Acked(send, new Sent(sentNanos, System.currentTimeMillis())));
  }

  /** A sampled document known by its id (e.g. the instance document an order's first event creates). */
  void expect(String documentId, long sentNanos) {
    pending.put(documentId, new Sent(sentNanos, System.currentTimeMillis()));
  }

  private record Sent(long nanos, long wallMillis) {}

  private record Acked(Future<RecordMetadata> send, Sent sent) {}

  /** Waits for each sampled send's acknowledgement, in order, to learn its document id (topic-partition-offset). */
  private void acknowledge() {
    try {
      while (true) {
        Acked a = acks.take();
        RecordMetadata m = a.send().get();
        pending.put(m.topic() + "-" + m.partition() + "-" + m.offset(), a.sent());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      failure = e;
    }
  }

  int pending() {
    return pending.size() + acks.size();
  }

  /** Freshness of every sampled event found so far, in milliseconds. */
  List<Double> millis() throws Exception {
    return copy(millis);
  }

  /** With a stamp field: from the send to the stamp, in milliseconds. */
  List<Double> toStampMillis() throws Exception {
    return copy(toStamp);
  }

  /** With a stamp field: from the stamp until searchable, in milliseconds. */
  List<Double> fromStampMillis() throws Exception {
    return copy(fromStamp);
  }

  private List<Double> copy(List<Double> values) throws Exception {
    if (failure != null) {
      throw failure;
    }
    synchronized (values) {
      return new ArrayList<>(values);
    }
  }

  private void poll() {
    while (running) {
      try {
        Thread.sleep(pollMillis);
        if (!pending.isEmpty()) {
          find(new ArrayList<>(pending.keySet()));
        }
      } catch (InterruptedException e) {
        return;
      } catch (Exception e) {
        failure = e;
        return;
      }
    }
  }

  private void find(List<String> ids) throws IOException {
    ObjectNode body = JSON.createObjectNode();
    body.put("size", ids.size());
    if (stampField == null) {
      body.put("_source", false);
    } else {
      body.putArray("_source").add(stampField);
    }
    ArrayNode values = body.putObject("query").putObject("ids").putArray("values");
    ids.forEach(values::add);
    Request request = new Request("POST", "/" + indexPattern + "/_search");
    request.addParameter("ignore_unavailable", "true");
    request.setJsonEntity(JSON.writeValueAsString(body));
    JsonNode response = JSON.readTree(EntityUtils.toByteArray(client.performRequest(request).getEntity()));
    long now = System.nanoTime();
    long wallNow = System.currentTimeMillis();
    for (JsonNode hit : response.path("hits").path("hits")) {
      Sent sent = pending.remove(hit.path("_id").asString());
      if (sent == null) {
        continue;
      }
      millis.add((now - sent.nanos()) / 1e6);
      String stamp = stampField == null ? "" : hit.path("_source").path(stampField).asString("");
      if (!stamp.isEmpty()) {
        long stamped = Instant.parse(stamp).toEpochMilli();
        toStamp.add((double) (stamped - sent.wallMillis()));
        fromStamp.add((double) (wallNow - stamped));
      }
    }
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    thread.interrupt();
    acknowledger.interrupt();
    thread.join(5_000);
    acknowledger.join(5_000);
  }
}
