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
 *
 * <p>Every item gets an SSE id, {@code <epoch>-<number>}: the epoch names this hub (a restarted tracker has
 * another), the number counts its items. The latest items are kept (whether or not anyone listens), so a client
 * that reconnects with {@code Last-Event-ID} gets what it missed, or a {@code missed} event first when some of it
 * is gone.
 */
final class StreamHub implements LiveFeed {

  private static final Logger LOG = LoggerFactory.getLogger(StreamHub.class);

  /** What was handed over, numbered in the order it was: a client gets only what was handed over after it joined. */
  private record Work(long handedOver, Object payload) {}

  private final BlockingQueue<Work> inbox = new ArrayBlockingQueue<>(10_000);
  private final Set<StreamClient> clients = new CopyOnWriteArraySet<>();
  /** Guards numbering and queueing together, so that the inbox is in the order of the numbers. */
  private final Object handing = new Object();
  private long handedOver;
  private final String epoch = Long.toString(System.currentTimeMillis(), 36);
  /** Guarded by this hub: dispatching an item and a client joining with its replay do not interleave. */
  private final RecentItems recent;
  private final JsonMapper json;
  private final Counter dropped;
  private final Counter droppedClients;
  private volatile boolean running;
  private Thread thread;

  StreamHub(JsonMapper json, MeterRegistry registry, int resumeBuffer) {
    this.json = json;
    this.recent = new RecentItems(resumeBuffer);
    this.dropped = Counter.builder("tracker.stream.dropped")
        .description("Batches the live stream dropped because its inbox was full").register(registry);
    this.droppedClients = Counter.builder("tracker.stream.clients.dropped")
        .description("Live-stream clients dropped for falling behind or not reading").register(registry);
    Gauge.builder("tracker.stream.clients", clients, Set::size).description("Clients connected to /api/stream")
        .register(registry);
  }

  @Override
  public void indexed(List<IndexDocument> documents) {
    // also while nobody listens: a client that reconnects gets what it missed
    handOver(documents);
  }

  /** An instance change or incident, from the topic reader. */
  void publish(StreamItem item) {
    handOver(item);
  }

  private void handOver(Object payload) {
    synchronized (handing) {
      if (!inbox.offer(new Work(handedOver + 1, payload))) {
        dropped.increment();
        return;
      }
      handedOver++;
    }
  }

  /**
   * Adds a client for what happens from now on: not what was handed over before, even if the dispatcher has not
   * reached it yet.
   */
  void add(StreamClient client) {
    synchronized (handing) {
      client.deliverAfter(handedOver);
    }
    clients.add(client);
  }

  /**
   * Adds a client that reconnects after the item with this SSE id: it first gets the kept items after that one
   * that it asked for (at most {@code max}), preceded by a {@code missed} event when some are gone (another
   * epoch, an id no longer kept, or more than {@code max}).
   */
  synchronized void resume(StreamClient client, String lastEventId, int max) {
    long after = numberIn(lastEventId);
    RecentItems.Since since = after < 0 ? new RecentItems.Since(List.of(), true)
        : recent.after(after, client.filter(), max, this::eventItem);
    if (since.incomplete()) {
      client.notice("missed", json.writeValueAsString(java.util.Map.of("lastEventId", lastEventId,
          "reason", "some events after " + lastEventId + " are no longer kept (the tracker keeps the latest "
              + "tracker.stream.resume-buffer, or restarted): read what was missed from the API")));
    }
    join(client, since.items());
  }

  /**
   * Adds a client that first gets the kept instance changes and incidents it asked for (at most {@code max}, the
   * latest), then what is dispatched from now on: a page that reads an instance from the search index, which lags
   * the stream by a second or more, learns the changes the index has not caught up with yet.
   */
  synchronized void addWithStates(StreamClient client, int max) {
    join(client, recent.states(client.filter(), max));
  }

  /** Offers the client these kept items, then adds it: everything dispatched from now on follows what it got. */
  private void join(StreamClient client, List<RecentItems.Numbered> kept) {
    for (RecentItems.Numbered n : kept) {
      client.offer(n.item(), id(n.number()));
    }
    client.deliverAfter(Long.MIN_VALUE);
    clients.add(client);
  }

  /** The number of one of this epoch's ids, or -1 for any other id. */
  private long numberIn(String id) {
    String prefix = epoch + "-";
    if (id == null || !id.startsWith(prefix)) {
      return -1;
    }
    try {
      return Long.parseLong(id.substring(prefix.length()));
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private String id(long number) {
    return epoch + "-" + number;
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
        Work work = inbox.poll(500, TimeUnit.MILLISECONDS);
        if (work != null && work.payload() instanceof List<?> documents) {
          dispatchAll(work.handedOver(), documents);
        } else if (work != null) {
          dispatchAll(work.handedOver(), List.of(work.payload()));
        }
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        LOG.warn("live stream: skipped an item: {}", e.toString());
      }
    }
  }

  /** Keeps each item (an event document stays unparsed while nobody listens) and offers it to every client. */
  private synchronized void dispatchAll(long handedOverAs, List<?> work) {
    for (Object w : work) {
      long number = recent.add(w);
      if (!clients.isEmpty()) {
        StreamItem item = recent.latest(this::eventItem, w);
        String id = id(number);
        for (StreamClient c : clients) {
          if (handedOverAs > c.deliverAfter()) {
            c.offer(item, id);
          }
        }
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
