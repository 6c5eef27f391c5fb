package io.choreography.tracker.rules.engine;

import io.choreography.tracker.rules.definition.ProcessDefinition;
import io.choreography.tracker.rules.definition.ProcessDefinitions;
import java.util.HashMap;
import java.util.Map;

/** The {@link ProcessTracker}s of every loaded process, by process id. */
public final class TrackingEngine {

  private final Map<String, ProcessTracker> trackers = new HashMap<>();

  public TrackingEngine(ProcessDefinitions definitions, StuckMessageHint hint) {
    for (ProcessDefinition d : definitions.all()) {
      trackers.put(d.id(), new ProcessTracker(CompiledProcess.compile(d), hint));
    }
  }

  public TrackingEngine(ProcessDefinitions definitions) {
    this(definitions, StuckMessageHint.NONE);
  }

  /** The tracker of that process, or null. */
  public ProcessTracker tracker(String processId) {
    return trackers.get(processId);
  }
}
