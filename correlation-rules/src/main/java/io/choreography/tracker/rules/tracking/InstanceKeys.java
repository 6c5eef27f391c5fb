package io.choreography.tracker.rules.tracking;

import io.choreography.tracker.model.Incident;

/**
 * Keys of the instance store and of {@code tracker.instances}: {@code "<process>/<traceId>"}; and the owners of
 * incident lifecycle entries.
 */
public final class InstanceKeys {

  private InstanceKeys() {}

  public static String of(String process, String traceId) {
    // process ids cannot contain '/', so the first '/' separates them
    return process + "/" + traceId;
  }

  /** The process id of an instance key. */
  public static String processOf(String key) {
    return key.substring(0, key.indexOf('/'));
  }

  /**
   * The owner of an incident's lifecycle entry: its instance key, or {@code process/\u0001step} for an incident
   * without a trace id (UNCORRELATED: one per process and step, no instance), which no instance key can be.
   */
  public static String ownerOf(Incident i) {
    return i.traceId() != null ? of(i.process(), i.traceId()) : i.process() + "/\u0001" + i.step();
  }
}
