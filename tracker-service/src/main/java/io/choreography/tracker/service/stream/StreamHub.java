package io.choreography.tracker.service.stream;

import io.choreography.tracker.service.elasticsearch.IndexDocument;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Fans out what happens to the connected clients. Producers (the indexer, the topic reader) only drop work into a
 * bounded inbox; one dispatcher thread turns it into items and offers them to each client's own bounded buffer,
 * which its connection drains as fast as it takes them. When the inbox is full (a burst beyond what the
 * dispatcher keeps up with), batches are dropped and counted: the stream is best effort, the API is the record.
 */
final class StreamHub implements LiveFeed {

  private static final Logger LOG = LoggerFactory.getLogger(StreamHub.class);

  private final BlockingQueue<Object> inbox = new ArrayBlockingQueue<>(10_000);
  private final Set<StreamClient> clients = new CopyOnWriteArraySet<>();
  private final JsonMapper json;
  private final Counter dropped;
  private final Counter droppedClients;
  private volatile boolean running;
  private Thread thread;

  StreamHub(JsonMapper json, MeterRegistry registry) {
    this.json = json;
    this.dropped = Counter.builder("tracker.stream.dropped")
        .description("Batches the live stream dropped because its inbox was full").register(registry);
    this.droppedClients = Counter.builder("tracker.stream.clients.dropped")
        .description("Live-stream clients dropped for falling behind or not reading").register(registry);
    Gauge.builder("tracker.stream.clients", clients, Set::size).description("Clients connected to /api/stream")
        .register(registry);
  }

  @Override
  public void indexed(List<IndexDocument> documents) {
    if (!clients.isEmpty() && !inbox.offer(documents)) {
      dropped.increment();
    }
  }

  /** An instance change or incident, from the topic reader. */
  void publish(StreamItem item) {
    if (!clients.isEmpty() && !inbox.offer(item)) {
      dropped.increment();
    }
  }

  void add(StreamClient client) {
    clients.add(client);
  }

  void remove(StreamClient client) {
    clients.remove(client);
  }

  void clientDropped() {
    droppedClients.increment();
  }

  int clients() {
    return clients.size();
  }

  void heartbeat() {
    clients.forEach(StreamClient::heartbeat);
  }

  synchronized void start() {
    running = true;
    thread = new Thread(this::dispatch, "tracker-stream-hub");
    thread.setDaemon(true);
    thread.start();
  }

  synchronized void stop() {
    running = false;
    if (thread != null) {
      thread.interrupt();
    }
    clients.forEach(StreamClient::close);
  }

  boolean isRunning() {
    return running;
  }

  private void dispatch() {
    while (running) {
      try {
        Object work = inbox.poll(500, TimeUnit.MILLISECONDS);
        if (work instanceof StreamItem item) {
          clients.forEach(c -> c.offer(item));
        } else if (work instanceof List<?> documents) {
          for (Object d : documents) {
            StreamItem item = eventItem((IndexDocument) d);
            clients.forEach(c -> c.offer(item));
          }
        }
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        LOG.warn("live stream: skipped an item: {}", e.toString());
      }
    }
  }

  private StreamItem eventItem(IndexDocument document) {
    JsonNode doc = json.readTree(document.json());
    Set<String> processes = new HashSet<>();
    doc.path("processes").forEach(p -> processes.add(p.asString()));
    String traceId = doc.path("traceId").isString() ? doc.path("traceId").asString() : null;
    return new StreamItem("event", traceId, processes, new String(document.json(), java.nio.charset.StandardCharsets.UTF_8));
  }
}
