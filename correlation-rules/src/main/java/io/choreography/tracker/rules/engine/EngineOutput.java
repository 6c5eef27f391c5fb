package io.choreography.tracker.rules.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What applying an event or firing timers produced. One instance is reused across calls (cleared by the engine at
 * the start of each) so that the common case, an event that raises nothing, allocates nothing.
 */
public final class EngineOutput {

  final List<IncidentChange> incidents = new ArrayList<>(4);
  final List<EscalationCommand> commands = new ArrayList<>(2);
  InstanceState state;
  boolean created;
  boolean duplicate;
  boolean changed;
  int reordered;
  long nextDueAt = InstanceView.NONE;

  void reset() {
    incidents.clear();
    commands.clear();
    state = null;
    created = false;
    duplicate = false;
    changed = false;
    reordered = 0;
    nextDueAt = InstanceView.NONE;
  }

  /** The instance after the call (the same object that was passed in, or a new one). */
  public InstanceState state() {
    return state;
  }

  public List<IncidentChange> incidents() {
    return incidents;
  }

  public List<EscalationCommand> commands() {
    return commands;
  }

  /** The event created the instance. */
  public boolean created() {
    return created;
  }

  /** The event was a duplicate (same event id): nothing changed (SPEC 3.7). */
  public boolean duplicate() {
    return duplicate;
  }

  /**
   * The call changed the state: every event but a duplicate does; {@code fireDue} does when something fell due. A
   * caller that stores states writes them back only then.
   */
  public boolean changed() {
    return changed;
  }

  /** How many early events this call confirmed as transport reordering (SPEC 3.5). */
  public int reordered() {
    return reordered;
  }

  /** Epoch millis at which {@link ProcessTracker#fireDue} must next run for the instance, or NONE. */
  public long nextDueAtMillis() {
    return nextDueAt;
  }

  /** Same as {@link #nextDueAtMillis()}, null for none. */
  public Instant nextDueAt() {
    return nextDueAt == InstanceView.NONE ? null : Instant.ofEpochMilli(nextDueAt);
  }
}
