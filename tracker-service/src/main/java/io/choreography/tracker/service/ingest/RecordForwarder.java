package io.choreography.tracker.service.ingest;

import io.choreography.tracker.model.RawRecord;
import io.choreography.tracker.model.intake.EventDocument;
import io.choreography.tracker.model.intake.ForwardedEvent;
import io.choreography.tracker.model.intake.ForwardedMatch;
import io.choreography.tracker.model.intake.IntakeRecordCodec;
import io.choreography.tracker.rules.extract.ExtractedEvent;
import io.choreography.tracker.rules.extract.RecordExtractor;
import io.choreography.tracker.rules.extract.StepMatch;
import io.choreography.tracker.service.elasticsearch.IndexDocument;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * One business record in, its intake records out: the record is read and parsed once, here, and both its
 * Elasticsearch document and its step matches come from that one parse. Matches are grouped by routing key (the
 * trace id; for a match with only business keys, the link of its first key, SPEC 3.12), one intake record per key,
 * so that every event of a trace reaches the task that owns it; the first
 * carries the document. A record that matches nothing still goes to the intake topic for indexing, unless {@code
 * tracker.unmatched=ignore}: keyed by its trace id when it has one, so that the task owning the trace can count it
 * as drift of the trace's instances, else without a key.
 */
public final class RecordForwarder {

  private static final byte[] CONTENT_TYPE = IntakeRecordCodec.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8);

  private final RecordExtractor extractor;
  private final EventDocumentMapper mapper;
  private final boolean indexUnmatched;
  private final String intakeTopic;
  private final IngestMetrics metrics;

  public RecordForwarder(RecordExtractor extractor, EventDocumentMapper mapper, boolean indexUnmatched, String intakeTopic,
      IngestMetrics metrics) {
    this.extractor = extractor;
    this.mapper = mapper;
    this.indexUnmatched = indexUnmatched;
    this.intakeTopic = intakeTopic;
    this.metrics = metrics;
  }

  /** The intake records of one business record read at {@code readAt}; empty when there is nothing to forward. */
  public List<ProducerRecord<byte[], byte[]>> forward(RawRecord raw, long readAt) {
    ExtractedEvent event = extractor.extract(raw);
    metrics.extracted(event);
    if (!event.matched() && !indexUnmatched) {
      metrics.ignored.increment();
      return List.of();
    }
    IndexDocument doc = mapper.map(raw, event, Instant.ofEpochMilli(readAt));
    EventDocument document = new EventDocument(doc.index(), doc.id(), doc.json());
    // a timestamp from a producer's clock ahead of ours cannot be an arrival yet; -1 (no timestamp) is now
    long arrival = raw.timestamp() < 0 ? readAt : Math.min(raw.timestamp(), readAt);
    if (!event.matched()) {
      return List.of(record(event.traceId(), new ForwardedEvent(raw.topic(), raw.partition(), raw.offset(), arrival,
          event.type(), List.of(), document)));
    }
    Map<String, List<ForwardedMatch>> byKey = new LinkedHashMap<>();
    for (StepMatch m : event.matches()) {
      ForwardedMatch match = ForwardedMatch.read(m.process(), m.step(), m.traceId(), m.eventId(),
          m.time().toEpochMilli(), m.keys());
      byKey.computeIfAbsent(match.routingKey(), k -> new ArrayList<>(1)).add(match);
    }
    List<ProducerRecord<byte[], byte[]>> out = new ArrayList<>(byKey.size());
    for (Map.Entry<String, List<ForwardedMatch>> e : byKey.entrySet()) {
      out.add(record(e.getKey(), new ForwardedEvent(raw.topic(), raw.partition(), raw.offset(), arrival,
          event.type(), e.getValue(), out.isEmpty() ? document : null)));
    }
    return out;
  }

  private ProducerRecord<byte[], byte[]> record(String key, ForwardedEvent event) {
    // the key as a StringSerializer writes it: the partition is the one every other writer of this key picks
    ProducerRecord<byte[], byte[]> r = new ProducerRecord<>(intakeTopic, null, event.arrival(),
        key == null ? null : key.getBytes(StandardCharsets.UTF_8), IntakeRecordCodec.encode(event));
    r.headers().add("content-type", CONTENT_TYPE);
    return r;
  }
}
