package io.choreography.tracker.service.indexing;

import io.choreography.tracker.model.intake.ForwardedEvent;
import io.choreography.tracker.model.intake.IntakeRecord;
import io.choreography.tracker.model.intake.IntakeRecordCodec;
import io.choreography.tracker.service.elasticsearch.BulkAttempt;
import io.choreography.tracker.service.elasticsearch.BulkWriter;
import io.choreography.tracker.service.elasticsearch.IndexDocument;
import io.choreography.tracker.service.elasticsearch.IndexTemplates;
import io.choreography.tracker.service.kafka.SinkContainer;
import io.choreography.tracker.service.stream.LiveFeed;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the event documents of the intake topic to Elasticsearch: each document as the forwarder built it, in one
 * bulk per batch, up to {@link #BULKS_IN_FLIGHT} bulks at once on threads of its own (its {@link SinkContainer}
 * commits a batch once its bulk and every earlier one were accepted), so that a batch read while a slow bulk is out
 * is written meanwhile rather than after it. Documents refused for good go to the dead-letter topic; documents
 * refused for now (429, 5xx) are sent again a few times within the batch, then the whole batch again with backoff
 * (200 ms doubling to 10 s) for as long as it takes, its consumer paused meanwhile: ids are deterministic, so a
 * document written twice is still one. The live stream gets what was accepted, in the order of the batches.
 */
final class EventIndexingSink implements SinkContainer.DeliveringSink {

  private static final Logger LOG = LoggerFactory.getLogger(EventIndexingSink.class);
  /**
   * Bulks out at once. One: with two, on this project's two-core benchmark machine, events were searchable sooner
   * (p99 1,707-1,968 ms against 1,925-2,661) but the end-to-end rate fell (2,371-2,579 events/s against 2,700-3,119)
   * and Elasticsearch spent more CPU per event (379-389 s per 1M against 288-327; docs/performance.md). Two runs each.
   */
  static final int BULKS_IN_FLIGHT = 1;
  private static final int ATTEMPTS_IN_BATCH = 3;
  private static final long FIRST_BACKOFF_MILLIS = 200;
  private static final long MAX_BACKOFF_MILLIS = 10_000;
  /** Dead letters already written by this process: a batch retried whole does not dead-letter them twice. */
  private static final int REMEMBERED_DEAD_LETTERS = 10_000;
  private static final AtomicInteger THREADS = new AtomicInteger();

  private final BulkWriter writer;
  private final IndexTemplates templates;
  private final EventDeadLetters deadLetters;
  private final IndexWrites metrics;
  private final LiveFeed feed;
  private final Map<String, Boolean> deadLettered = Collections.synchronizedMap(
      new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
          return size() > REMEMBERED_DEAD_LETTERS;
        }
      });
  private volatile ExecutorService bulks = bulkThreads();
  private volatile String retrying;
  /** The live feed of the last batch: the next one's waits for it (consumer thread only). */
  private CompletableFuture<Void> lastFed = CompletableFuture.completedFuture(null);

  EventIndexingSink(BulkWriter writer, IndexTemplates templates, EventDeadLetters deadLetters, IndexWrites metrics,
      LiveFeed feed) {
    this.writer = writer;
    this.templates = templates;
    this.deadLetters = deadLetters;
    this.metrics = metrics;
    this.feed = feed;
  }

  @Override
  public CompletableFuture<?> deliver(List<ConsumerRecord<byte[], byte[]>> records) {
    List<IndexDocument> documents = new ArrayList<>(records.size());
    List<ForwardedEvent> events = new ArrayList<>(records.size());
    for (ConsumerRecord<byte[], byte[]> r : records) {
      IntakeRecord intake;
      try {
        intake = IntakeRecordCodec.decode(r.value());
      } catch (IllegalArgumentException e) {
        metrics.malformed();
        LOG.warn("record {}-{}@{} of the intake topic is not an intake record, skipped: {}", r.topic(), r.partition(),
            r.offset(), e.getMessage());
        continue;
      }
      if (intake instanceof ForwardedEvent e && e.document() != null) {
        documents.add(new IndexDocument(e.document().index(), e.document().id(), e.document().json()));
        events.add(e);
      }
    }
    if (documents.isEmpty()) {
      return CompletableFuture.completedFuture(null);
    }
    CompletableFuture<List<IndexDocument>> accepted = new CompletableFuture<>();
    try {
      bulks.execute(() -> {
        try {
          accepted.complete(writeUntilAccepted(documents, events));
        } catch (Throwable t) {
          accepted.completeExceptionally(t);
        }
      });
    } catch (RejectedExecutionException e) {
      accepted.completeExceptionally(e); // stopped meanwhile: its container commits nothing more
    }
    if (feed == null) {
      return accepted;
    }
    CompletableFuture<Void> fed = CompletableFuture.allOf(lastFed, accepted).handle((ok, failure) -> {
      if (failure == null) {
        feed.indexed(accepted.join());
      }
      return null;
    });
    lastFed = fed;
    return CompletableFuture.allOf(fed, accepted);
  }

  /** The batch's bulk, sent again with backoff while Elasticsearch refuses it for now or cannot be reached. */
  private List<IndexDocument> writeUntilAccepted(List<IndexDocument> documents, List<ForwardedEvent> events)
      throws InterruptedException {
    for (long backoff = FIRST_BACKOFF_MILLIS; ; backoff = Math.min(2 * backoff, MAX_BACKOFF_MILLIS)) {
      try {
        List<IndexDocument> accepted = write(documents, events);
        if (retrying != null) {
          LOG.info("event-indexer: writing works again");
          retrying = null;
        }
        return accepted;
      } catch (InterruptedException e) {
        throw e;
      } catch (Exception e) {
        String reason = SinkContainer.reason(e);
        if (retrying == null) {
          LOG.warn("event-indexer: writing failed, retrying with backoff: {}", reason);
        }
        retrying = reason;
        Thread.sleep(backoff);
      }
    }
  }

  /** One bulk of the batch, its documents refused for now sent again a few times; returns those accepted. */
  private List<IndexDocument> write(List<IndexDocument> documents, List<ForwardedEvent> events)
      throws IOException, InterruptedException {
    templates.ensureInstalled();
    long started = System.nanoTime();
    List<Integer> pending = new ArrayList<>(documents.size());
    for (int i = 0; i < documents.size(); i++) {
      pending.add(i);
    }
    List<Integer> written = new ArrayList<>(documents.size());
    for (int attempt = 1; !pending.isEmpty(); attempt++) {
      BulkAttempt outcome = writer.attempt(documents, pending);
      written.addAll(outcome.written());
      for (Map.Entry<Integer, String> refused : outcome.rejected().entrySet()) {
        ForwardedEvent e = events.get(refused.getKey());
        if (deadLettered.put(e.coordinates(), Boolean.TRUE) == null) {
          deadLetters.publish(e, "refused by Elasticsearch: " + refused.getValue());
          metrics.eventsDeadLettered.increment();
        }
      }
      pending = outcome.retry();
      if (!pending.isEmpty()) {
        if (attempt >= ATTEMPTS_IN_BATCH) {
          throw new IOException(pending.size() + " event documents refused for now (429/5xx)");
        }
        Thread.sleep(200L << attempt);
      }
    }
    metrics.bulk.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
    metrics.eventsIndexed.increment(written.size());
    metrics.written(StateKind.EVENTS, written.size());
    List<IndexDocument> accepted = new ArrayList<>(written.size());
    for (int i : written) {
      accepted.add(documents.get(i));
    }
    return accepted;
  }

  @Override
  public String retrying() {
    return retrying;
  }

  /** Bulks still out are given up (their batches were not committed and are read again); new ones get new threads. */
  @Override
  public void containerStopped() {
    ExecutorService stopped = bulks;
    bulks = bulkThreads();
    stopped.shutdownNow();
    retrying = null;
    lastFed = CompletableFuture.completedFuture(null);
  }

  private static ExecutorService bulkThreads() {
    return Executors.newFixedThreadPool(BULKS_IN_FLIGHT, r -> {
      Thread t = new Thread(r, "tracker-event-bulk-" + THREADS.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }
}
