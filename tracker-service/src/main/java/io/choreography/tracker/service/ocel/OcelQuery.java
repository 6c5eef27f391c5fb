package io.choreography.tracker.service.ocel;

import java.time.Instant;

/**
 * What an export holds: the events of {@code [from, to)} (by event time) that matched a step of {@code process}, or
 * of any process when it is null, and the objects they relate to.
 */
public record OcelQuery(String process, Instant from, Instant to) {

  public OcelQuery {
    if (!from.isBefore(to)) {
      throw new IllegalArgumentException("from must be before to, but from is " + from + " and to " + to);
    }
  }

  /** Whether the export holds the events and instances of this process. */
  boolean selects(String p) {
    return p != null && (process == null || process.equals(p));
  }
}
