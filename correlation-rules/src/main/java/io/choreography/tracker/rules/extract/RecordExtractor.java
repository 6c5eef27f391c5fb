package io.choreography.tracker.rules.extract;

import io.choreography.tracker.model.RawRecord;
import io.choreography.tracker.rules.definition.ProcessDefinitions;

/**
 * Reads trace id, type, time and event id from a record (headers + bytes) and matches it to process steps.
 * Thread-safe; never throws on bad input (invalid JSON, binary, empty, garbage headers).
 */
public final class RecordExtractor {

  private final ProcessDefinitions definitions;

  public RecordExtractor(ProcessDefinitions definitions) {
    this.definitions = definitions;
  }

  public ExtractedEvent extract(RawRecord record) {
    throw new UnsupportedOperationException("not implemented yet");
  }
}
