package io.choreography.tracker.service.indexing;

import io.choreography.tracker.service.elasticsearch.BulkAttempt;
import io.choreography.tracker.service.elasticsearch.BulkWriter;
import io.choreography.tracker.service.elasticsearch.IndexDocument;
import io.choreography.tracker.service.elasticsearch.IndexTemplates;
import io.choreography.tracker.service.kafka.SinkContainer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the instance, incident and drift documents of the tracker's own topics. Its container waits the flush interval
 * between polls, so that one batch holds every change that came in meanwhile; of each instance and incident only the
 * latest change of the batch is turned into its document and written. A record not in the agreed format is counted
 * and skipped (retrying it would block its partition for good); a document Elasticsearch refuses for good is counted
 * and logged; one refused for now is sent again a few times, then the batch goes back to the container's backoff.
 */
final class StateWriterSink implements SinkContainer.Sink {

  private static final Logger LOG = LoggerFactory.getLogger(StateWriterSink.class);
  private static final int ATTEMPTS_IN_BATCH = 3;

  private final String instancesTopic;
  private final String driftTopic;
  private final InstanceDocuments instances;
  private final IncidentDocuments incidents;
  private final DriftDocuments drift;
  private final BulkWriter writer;
  private final IndexTemplates templates;
  private final IndexWrites metrics;

  StateWriterSink(String instancesTopic, String driftTopic, InstanceDocuments instances, IncidentDocuments incidents,
      DriftDocuments drift, BulkWriter writer, IndexTemplates templates, IndexWrites metrics) {
    this.instancesTopic = instancesTopic;
    this.driftTopic = driftTopic;
    this.instances = instances;
    this.incidents = incidents;
    this.drift = drift;
    this.writer = writer;
    this.templates = templates;
    this.metrics = metrics;
  }

  @Override
  public void accept(List<ConsumerRecord<byte[], byte[]>> records) throws IOException, InterruptedException {
    // the latest record per document; every record of one document shares a key, hence a partition and its order
    Map<DocumentKey, Latest> latest = new LinkedHashMap<>(records.size() * 2);
    for (ConsumerRecord<byte[], byte[]> r : records) {
      String key = r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8);
      latest.put(new DocumentKey(r.topic(), key == null ? "@" + r.partition() + "-" + r.offset() : key),
          new Latest(key, r));
    }
    List<IndexDocument> documents = new ArrayList<>(latest.size());
    List<StateKind> kinds = new ArrayList<>(latest.size());
    for (Latest l : latest.values()) {
      ConsumerRecord<byte[], byte[]> r = l.record();
      String key = l.key();
      StateKind kind = r.topic().equals(instancesTopic) ? StateKind.INSTANCES
          : r.topic().equals(driftTopic) ? StateKind.DRIFT : StateKind.INCIDENTS;
      try {
        documents.add(switch (kind) {
          case INSTANCES -> instances.map(key, r.value(), r.headers());
          case DRIFT -> drift.map(key, r.value());
          default -> incidents.map(key, r.value());
        });
        kinds.add(kind);
      } catch (RuntimeException e) {
        LOG.error("record {}-{}@{} (key {}) is not a valid {} record, skipped: {}", r.topic(), r.partition(),
            r.offset(), key, r.topic(), e.toString());
        metrics.malformed();
      }
    }
    if (documents.isEmpty()) {
      return;
    }
    templates.ensureInstalled();
    List<Integer> pending = new ArrayList<>(documents.size());
    for (int i = 0; i < documents.size(); i++) {
      pending.add(i);
    }
    for (int attempt = 1; !pending.isEmpty(); attempt++) {
      BulkAttempt outcome = writer.attempt(documents, pending);
      int[] written = new int[StateKind.values().length];
      for (int i : outcome.written()) {
        written[kinds.get(i).ordinal()]++;
      }
      for (StateKind kind : StateKind.values()) {
        if (written[kind.ordinal()] > 0) {
          metrics.written(kind, written[kind.ordinal()]);
        }
      }
      for (Map.Entry<Integer, String> refused : outcome.rejected().entrySet()) {
        IndexDocument d = documents.get(refused.getKey());
        LOG.error("Elasticsearch refused {} document {}: {}", kinds.get(refused.getKey()).tag, d.id(),
            refused.getValue());
        metrics.rejected();
      }
      pending = outcome.retry();
      if (!pending.isEmpty()) {
        if (attempt >= ATTEMPTS_IN_BATCH) {
          throw new IOException(pending.size() + " instance and incident documents refused for now (429/5xx)");
        }
        Thread.sleep(200L << attempt);
      }
    }
  }

  /** A document of the batch: its topic and record key (a record without key stands alone). */
  private record DocumentKey(String topic, String key) {}

  /** The latest record of a document in the batch, with its key read once. */
  private record Latest(String key, ConsumerRecord<byte[], byte[]> record) {}
}
