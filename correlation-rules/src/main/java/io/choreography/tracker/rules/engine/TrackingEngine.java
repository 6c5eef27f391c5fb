package io.choreography.tracker.rules.engine;

import io.choreography.tracker.rules.definition.ProcessDefinition;
import io.choreography.tracker.rules.definition.ProcessDefinitions;
import io.choreography.tracker.rules.extract.StepMatch;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.Map;

/**
 * The {@link ProcessTracker}s of every loaded process, by process id, with one clock. Turns the extractor's
 * {@link StepMatch}es into engine events.
 */
public final class TrackingEngine {

  private final Map<String, ProcessTracker> trackers = new HashMap<>();

  public TrackingEngine(ProcessDefinitions definitions, InstantSource clock, StuckMessageHint hint) {
    for (ProcessDefinition d : definitions.all()) {
      trackers.put(d.id(), new ProcessTracker(CompiledProcess.compile(d), clock, hint));
    }
  }

  public TrackingEngine(ProcessDefinitions definitions, InstantSource clock) {
    this(definitions, clock, StuckMessageHint.NONE);
  }

  /** The tracker of that process, or null. */
  public ProcessTracker tracker(String processId) {
    return trackers.get(processId);
  }

  /**
   * The engine event for a match that carries a trace id; null when the match's process or step is unknown here.
   * A match without a trace id belongs to {@link UncorrelatedEventCounter}.
   */
  public EngineEvent toEvent(StepMatch match, String topic, String type) {
    ProcessTracker t = trackers.get(match.process());
    if (t == null || match.traceId() == null) {
      return null;
    }
    int step = t.process().stepIndex(match.step());
    if (step < 0) {
      return null;
    }
    return new EngineEvent(match.process(), step, match.traceId(), match.eventId(), match.time().toEpochMilli(),
        topic, type);
  }
}
