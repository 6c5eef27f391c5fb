package io.choreography.tracker.service.stream;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * One connected client: a bounded buffer of the events it asked for (in their wire format), emitted only as fast
 * as its connection takes them (Reactor Netty asks for more as writes complete), so a slow client never holds up the others or the
 * tracker. A client that falls a whole buffer behind, or whose socket takes nothing for the stall timeout while events
 * wait,
 * is dropped: its buffer is discarded, a last {@code dropped} event says why, and the stream ends (it reconnects
 * and reads the rest from the API). A dropped client that does not read even that event within three stall
 * timeouts is disconnected.
 */
final class StreamClient {

  private static final Logger LOG = LoggerFactory.getLogger(StreamClient.class);

  private static final String HEARTBEAT = ":heartbeat\n\n";
  /** Events written at once at most: a client that is behind gets them in few writes, not one flush each. */
  private static final int EVENTS_PER_WRITE = 128;
  /** Stall timeouts a dropped client has to take its last event before it is disconnected. */
  private static final int DISCONNECT_AFTER_STALLS = 3;

  private final StreamFilter filter;
  private final int capacity;
  private final long stallNanos;
  private final JsonMapper json;
  private final Runnable disconnect;
  private Runnable onDropped = () -> {};
  private java.util.function.Supplier<String> connection = () -> "";
  private final ArrayDeque<String> buffer = new ArrayDeque<>();
  private final AtomicInteger draining = new AtomicInteger();
  private FluxSink<String> sink;
  /** Since when the oldest waiting event has waited for the client to take something. */
  private long waitingSinceNanos = System.nanoTime();
  /**
   * When the connection last finished writing something to the client's socket. What the connection asked for is
   * no measure of whether the client reads: Reactor Netty asks for dozens of writes ahead and holds them until the
   * socket takes them, so a client that reads slowly through megabytes asked for earlier asks for nothing new for
   * seconds.
   */
  private volatile long lastWrittenNanos = System.nanoTime();
  private boolean dropped;
  private boolean closed;
  /** The hub offers this client only what was handed over to it after this number (see StreamHub#add). */
  private volatile long deliverAfter = Long.MIN_VALUE;

  /**
   * {@code disconnect} closes the client's connection at once unless it is closed already, for a dropped client
   * that does not even take its last event.
   */
  StreamClient(StreamFilter filter, int capacity, Duration stallTimeout, JsonMapper json, Runnable disconnect) {
    this.filter = filter;
    this.capacity = capacity;
    this.stallNanos = stallTimeout.toNanos();
    this.json = json;
    this.disconnect = disconnect;
  }

  /**
   * The client's events, ending when it is dropped or closed; {@code onDropped} runs when it is dropped (it gets
   * nothing more), {@code onEnd} once its stream has ended.
   */
  Flux<String> events(Runnable onDropped, Runnable onEnd) {
    this.onDropped = onDropped;
    return Flux.<String>create(s -> {
      synchronized (this) {
        sink = s;
      }
      // what the connection asked for is the sink's own count: one count, not a second one kept beside it
      s.onRequest(n -> drain());
      s.onDispose(() -> {
        synchronized (this) {
          closed = true;
          buffer.clear();
        }
        onEnd.run();
      });
    });
  }

  /** Buffers the item if this client wants it; never blocks. */
  void offer(StreamItem item) {
    offer(item, null);
  }

  /** The same, with its SSE id (null for none). */
  void offer(StreamItem item, String id) {
    if (filter.matches(item)) {
      enqueue(frame(id, item.name(), item.json()));
    }
  }

  /** An event for this client alone, whatever its filter (e.g. that it missed some). */
  void notice(String name, String json) {
    enqueue(frame(null, name, json));
  }

  StreamFilter filter() {
    return filter;
  }

  void deliverAfter(long handedOver) {
    deliverAfter = handedOver;
  }

  long deliverAfter() {
    return deliverAfter;
  }

  /** A comment line, unless one still waits; and the check for a client that stopped reading. */
  void heartbeat() {
    synchronized (this) {
      if (closed || dropped) {
        return;
      }
      if (!buffer.isEmpty() && System.nanoTime() - Math.max(waitingSinceNanos, lastWrittenNanos) > stallNanos) {
        drop("the client's socket took nothing for " + Duration.ofNanos(stallNanos).toSeconds() + " s while "
            + buffer.size() + " events waited");
      } else if (buffer.peekLast() != HEARTBEAT) {
        enqueueLocked(HEARTBEAT);
      }
    }
    drain();
  }

  private synchronized boolean isClosed() {
    return closed;
  }

  /** What the drop log line tells of the connection under this client (e.g. whether its socket takes writes). */
  void describeConnection(java.util.function.Supplier<String> description) {
    this.connection = description;
  }

  /** The connection finished writing something to the client's socket: the client reads. Any thread. */
  void written() {
    lastWrittenNanos = System.nanoTime();
  }

  /** Ends the stream (the tracker is stopping, or the connection's lifetime is over). */
  void close() {
    FluxSink<String> s;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      buffer.clear();
      s = sink;
    }
    if (s != null) {
      s.complete();
    }
  }

  /** One Server-Sent Event in its wire format; a line break in the data continues it on another data line. */
  static String frame(String name, String data) {
    return frame(null, name, data);
  }

  /** The same with an id line (a client sends the last id it got as Last-Event-ID when it reconnects). */
  static String frame(String id, String name, String data) {
    return (id == null ? "" : "id:" + id + "\n") + "event:" + name + "\ndata:"
        + data.replace("\r\n", "\n").replace("\n", "\ndata:") + "\n\n";
  }

  private void enqueue(String event) {
    synchronized (this) {
      if (closed || dropped) {
        return;
      }
      if (buffer.size() >= capacity) {
        drop("the client fell more than " + capacity + " events behind");
      } else {
        enqueueLocked(event);
      }
    }
    drain();
  }

  private void enqueueLocked(String event) {
    if (buffer.isEmpty()) {
      waitingSinceNanos = System.nanoTime(); // waiting starts now, not when the client last took something
    }
    buffer.add(event);
  }

  /**
   * Discards what waits and leaves only the last event, which tells why; a client that has not read it within
   * three stall timeouts is disconnected. Holds the lock.
   */
  private void drop(String reason) {
    int discarded = buffer.size();
    buffer.clear();
    dropped = true;
    String data = json.writeValueAsString(Map.of("reason", reason + "; reconnect and read what was missed from "
        + "the API", "discarded", discarded));
    buffer.add(frame(null, "dropped", data));
    LOG.info("live stream: dropped a client ({}): {} {} discarded; its socket last took a write {} ms before; "
            + "{} writes asked for{}", reason, discarded, discarded == 1 ? "event" : "events",
        (System.nanoTime() - lastWrittenNanos) / 1_000_000, sink == null ? 0 : sink.requestedFromDownstream(),
        connection.get());
    onDropped.run();
    // the stream's connection closes once the last event is written; still open then, the client reads nothing
    Mono.delay(Duration.ofNanos(DISCONNECT_AFTER_STALLS * stallNanos)).subscribe(t -> {
      if (!isClosed()) {
        LOG.info("live stream: disconnected a dropped client that did not read its last event within {} s",
            Duration.ofNanos(DISCONNECT_AFTER_STALLS * stallNanos).toSeconds());
      }
      close();
      disconnect.run();
    });
  }

  /**
   * Emits what the client asked for, one thread at a time (in order), up to {@link #EVENTS_PER_WRITE} events a
   * write; completes a dropped client's stream.
   */
  private void drain() {
    if (draining.getAndIncrement() != 0) {
      return;
    }
    int missed = 1;
    do {
      while (true) {
        String next;
        FluxSink<String> s;
        boolean complete = false;
        synchronized (this) {
          s = sink;
          if (s == null || closed || s.requestedFromDownstream() == 0 || buffer.isEmpty()) {
            break;
          }
          if (buffer.size() == 1) {
            next = buffer.poll();
          } else {
            StringBuilder events = new StringBuilder();
            for (int i = 0; i < EVENTS_PER_WRITE && !buffer.isEmpty(); i++) {
              events.append(buffer.poll());
            }
            next = events.toString();
          }
          waitingSinceNanos = System.nanoTime();
          if (dropped && buffer.isEmpty()) {
            closed = true;
            complete = true;
          }
        }
        s.next(next);
        if (complete) {
          s.complete();
          break;
        }
      }
      missed = draining.addAndGet(-missed);
    } while (missed != 0);
  }
}
