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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the event documents of the intake topic to Elasticsearch: each document as the forwarder built it, in one
 * bulk per batch. Documents refused for good go to the dead-letter topic; documents refused for now (429, 5xx) are
 * sent again a few times within the batch, then the batch is handed back to the container's backoff (it is written
 * again whole: ids are deterministic, so a document written twice is still one). The live stream gets what was
 * accepted.
 */
final class EventIndexingSink implements SinkContainer.Sink {

  private static final Logger LOG = LoggerFactory.getLogger(EventIndexingSink.class);
  private static final int ATTEMPTS_IN_BATCH = 3;
  /** Dead letters already written by this process: a batch retried whole does not dead-letter them twice. */
  private static final int REMEMBERED_DEAD_LETTERS = 10_000;

  private final BulkWriter writer;
  private final IndexTemplates templates;
  private final EventDeadLetters deadLetters;
  private final IndexWrites metrics;
  private final LiveFeed feed;
  private final Map<String, Boolean> deadLettered = new LinkedHashMap<>(16, 0.75f, false) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
      return size() > REMEMBERED_DEAD_LETTERS;
    }
  };

  EventIndexingSink(BulkWriter writer, IndexTemplates templates, EventDeadLetters deadLetters, IndexWrites metrics,
      LiveFeed feed) {
    this.writer = writer;
    this.templates = templates;
    this.deadLetters = deadLetters;
    this.metrics = metrics;
    this.feed = feed;
  }

  @Override
  public void accept(List<ConsumerRecord<byte[], byte[]>> records) throws IOException, InterruptedException {
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
      return;
    }
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
    metrics.bulk.record(System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS);
    metrics.eventsIndexed.increment(written.size());
    metrics.written(StateKind.EVENTS, written.size());
    if (feed != null) {
      List<IndexDocument> accepted = new ArrayList<>(written.size());
      for (int i : written) {
        accepted.add(documents.get(i));
      }
      feed.indexed(accepted);
    }
  }
}
