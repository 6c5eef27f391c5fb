package io.choreography.tracker.service.stream;

import java.io.IOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * One connected client: a bounded queue drained by a pool thread, so a slow client never holds up the others or
 * the tracker. A client whose queue is full is dropped (it reconnects and reads the rest from the API).
 */
final class SseClient {

  private static final StreamItem HEARTBEAT = new StreamItem(null, null, java.util.Set.of(), null);

  private final SseEmitter emitter;
  private final StreamFilter filter;
  private final BlockingQueue<StreamItem> queue;
  private final Executor senders;
  private final Runnable onClose;
  private final AtomicBoolean draining = new AtomicBoolean();
  private final AtomicBoolean closed = new AtomicBoolean();

  SseClient(SseEmitter emitter, StreamFilter filter, int capacity, Executor senders, Runnable onClose) {
    this.emitter = emitter;
    this.filter = filter;
    this.queue = new ArrayBlockingQueue<>(capacity);
    this.senders = senders;
    this.onClose = onClose;
  }

  /** Queues the item if this client wants it; never blocks. */
  void offer(StreamItem item) {
    if (closed.get() || (item != HEARTBEAT && !filter.matches(item))) {
      return;
    }
    if (!queue.offer(item)) {
      close(); // too slow: dropped rather than slowing anyone down
      return;
    }
    if (draining.compareAndSet(false, true)) {
      try {
        senders.execute(this::drain);
      } catch (RejectedExecutionException e) {
        close();
      }
    }
  }

  void heartbeat() {
    offer(HEARTBEAT);
  }

  private void drain() {
    try {
      while (!closed.get()) {
        StreamItem item = queue.poll();
        if (item == null) {
          draining.set(false);
          // an item offered between the poll and the flag reset would otherwise wait for the next offer
          if (queue.isEmpty() || !draining.compareAndSet(false, true)) {
            return;
          }
          continue;
        }
        send(item);
      }
    } catch (IOException | RuntimeException e) {
      close(); // the client went away
    }
  }

  private void send(StreamItem item) throws IOException {
    if (item == HEARTBEAT) {
      emitter.send(SseEmitter.event().comment("heartbeat"));
    } else {
      emitter.send(SseEmitter.event().name(item.name()).data(item.json(), MediaType.APPLICATION_JSON));
    }
  }

  void close() {
    if (closed.compareAndSet(false, true)) {
      queue.clear();
      onClose.run();
      try {
        emitter.complete();
      } catch (RuntimeException e) {
        // already gone
      }
    }
  }
}
