package io.choreography.tracker.service.tracking;

import io.choreography.tracker.model.RawRecord;
import io.choreography.tracker.model.RecordHeader;
import io.choreography.tracker.rules.extract.ExtractedEvent;
import io.choreography.tracker.rules.extract.RecordExtractor;
import io.choreography.tracker.rules.extract.StepMatch;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a business record as it is and emits one {@link TrackedEvent} per step it matches, keyed for the
 * re-keying topic. Never fails on any bytes: a record it cannot read is skipped (the indexer still indexes it).
 */
final class EventExtractionProcessor implements Processor<byte[], byte[], String, byte[]> {

  private static final Logger LOG = LoggerFactory.getLogger(EventExtractionProcessor.class);

  private final RecordExtractor extractor;
  private final TrackingMetrics metrics;
  private ProcessorContext<String, byte[]> context;

  EventExtractionProcessor(RecordExtractor extractor, TrackingMetrics metrics) {
    this.extractor = extractor;
    this.metrics = metrics;
  }

  @Override
  public void init(ProcessorContext<String, byte[]> context) {
    this.context = context;
  }

  @Override
  public void process(Record<byte[], byte[]> record) {
    RecordMetadata meta = context.recordMetadata().orElse(null);
    String topic = meta == null ? "unknown" : meta.topic();
    ExtractedEvent event;
    try {
      RawRecord raw = new RawRecord(topic, meta == null ? -1 : meta.partition(), meta == null ? -1 : meta.offset(),
          record.timestamp(), record.key(), headers(record), record.value());
      event = extractor.extract(raw);
    } catch (RuntimeException e) {
      metrics.skipped();
      LOG.debug("record {} not tracked: {}", meta, e.toString());
      return;
    }
    for (StepMatch m : event.matches()) {
      TrackedEvent tracked = new TrackedEvent(m.process(), m.step(), m.traceId(), m.eventId(),
          m.time().toEpochMilli(), topic, event.type());
      // a new record without the business headers: they have no meaning downstream
      context.forward(new Record<>(tracked.partitionKey(), TrackedEventCodec.encode(tracked), record.timestamp()));
    }
  }

  private static List<RecordHeader> headers(Record<byte[], byte[]> record) {
    List<RecordHeader> list = new ArrayList<>();
    for (Header h : record.headers()) {
      list.add(new RecordHeader(h.key(), h.value()));
    }
    return list;
  }
}
