package io.choreography.tracker.rules.engine;

import io.choreography.tracker.model.InstanceStatus;

/**
 * Read-only view of one process instance. Rules and detectors read through this; only {@link StateApplier}
 * writes the {@link InstanceState} behind it. Times are epoch milliseconds; {@link #NONE} means "not set".
 */
public interface InstanceView {

  long NONE = CompiledProcess.NONE;

  /** DEADLINE incident states. */
  byte DEADLINE_NOT_RAISED = 0;
  byte DEADLINE_OPEN = 1;
  byte DEADLINE_RESOLVED = 2;

  CompiledProcess process();

  String traceId();

  /** Event time of the earliest event of the instance (see docs/tracking.md: lowered when reordering delivered a later step first). */
  long startedAt();

  /** Event time of the end step that ended it, or NONE. */
  long endedAt();

  /**
   * Arrival (Kafka timestamp) of the end step's event, or NONE: late reordered events are tolerated for a reorder
   * window after it, and the retention of an ended instance counts from it.
   */
  long endArrivedAt();

  /** RUNNING, COMPLETED or FAILED: the lifecycle without incidents. */
  InstanceStatus phase();

  /** RUNNING, STUCK (running with an open STUCK or DEADLINE incident), COMPLETED or FAILED. */
  default InstanceStatus status() {
    InstanceStatus phase = phase();
    if (phase != InstanceStatus.RUNNING) {
      return phase;
    }
    return stuckOpenMask() != 0 || deadlineState() == DEADLINE_OPEN ? InstanceStatus.STUCK : InstanceStatus.RUNNING;
  }

  default boolean running() {
    return phase() == InstanceStatus.RUNNING;
  }

  long reachedMask();

  default boolean isReached(int step) {
    return (reachedMask() & (1L << step)) != 0;
  }

  /** Event time of the event that reached the step (the first one for a repeat step), or NONE. */
  long reachedAt(int step);


  /** Id of the event that reached the step, for the API; null when not reached. */
  String eventId(int step);

  /** Steps reached early (their predecessors missing) whose reorder window is still open. */
  long earlyMask();

  /** Arrival (Kafka timestamp) of the early event of that step, or NONE: its reorder window starts there. */
  long earlyArrivedAt(int step);

  long stuckOpenMask();

  long stuckRaisedMask();

  byte deadlineState();

  /** Bit i set: escalation i has been emitted. */
  int escalationsFired();

  long outOfOrderRaisedMask();

  long unexpectedRaisedMask();

  /** How many UNEXPECTED occurrences are folded into the step's incident. */
  long unexpectedCount(int step);

  /** Event-id hashes (mixed with the step) seen besides the reached ones: repeat occurrences, unexpected events. */
  int seenCount();

  long seen(int i);

  default boolean hasSeen(long stepEventHash) {
    for (int i = 0, n = seenCount(); i < n; i++) {
      if (seen(i) == stepEventHash) {
        return true;
      }
    }
    return false;
  }
}
