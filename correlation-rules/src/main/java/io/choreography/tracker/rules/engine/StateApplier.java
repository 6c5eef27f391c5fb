package io.choreography.tracker.rules.engine;

import io.choreography.tracker.model.Incident;
import io.choreography.tracker.model.IncidentIds;
import io.choreography.tracker.model.IncidentStatus;
import io.choreography.tracker.model.IncidentType;
import io.choreography.tracker.model.InstanceStatus;
import io.choreography.tracker.rules.definition.EndKind;
import io.choreography.tracker.rules.definition.Escalation;
import java.time.Instant;
import java.util.Arrays;

/**
 * The only writer of {@link InstanceState}. Each method applies one decided fact and reports the incident
 * changes it implies into the {@link EngineOutput}; deciding is left to the rules that read the view.
 */
final class StateApplier {

  private StateApplier() {}

  static void reach(InstanceState s, int step, long eventTime, String eventId) {
    s.reached |= 1L << step;
    s.reachedAt[step] = eventTime;
    s.eventId[step] = eventId;
    if (eventTime < s.startedAt) {
      // a later step overtook the start step in transport: the instance began at the earliest event time
      s.startedAt = eventTime;
    }
  }

  static void markEarly(InstanceState s, int step, long arrival) {
    if (s.earlyArrivedAt == null) {
      s.earlyArrivedAt = new long[s.reachedAt.length];
      Arrays.fill(s.earlyArrivedAt, InstanceView.NONE);
    }
    s.early |= 1L << step;
    s.earlyArrivedAt[step] = arrival;
  }

  static void clearEarly(InstanceState s, int step) {
    s.early &= ~(1L << step);
    s.earlyArrivedAt[step] = InstanceView.NONE;
  }

  static void addSeen(InstanceState s, long stepEventHash) {
    if (s.seen == null) {
      s.seen = new long[4];
    }
    if (s.seenCount == InstanceState.MAX_SEEN) {
      System.arraycopy(s.seen, 1, s.seen, 0, s.seenCount - 1);
      s.seenCount--;
    } else if (s.seenCount == s.seen.length) {
      s.seen = Arrays.copyOf(s.seen, Math.min(s.seen.length * 2, InstanceState.MAX_SEEN));
    }
    s.seen[s.seenCount++] = stepEventHash;
  }

  /**
   * @param now when the instance ends: the arrival of the event that ends it, or the verdict time of a reorder
   *     window that expired; its incident changes carry it
   * @param endArrival the arrival of the end step's own event
   */
  static void end(InstanceState s, int endStep, long now, long endArrival, EngineOutput out,
      IncidentMessages messages) {
    CompiledProcess p = s.process();
    EndKind kind = p.end(endStep);
    s.phase = kind == EndKind.FAILED ? InstanceStatus.FAILED : InstanceStatus.COMPLETED;
    s.endedAt = s.reachedAt[endStep];
    s.endArrivedAt = endArrival;
    // an ended instance expects nothing: its STUCK and DEADLINE incidents no longer hold
    resolveStuck(s, s.stuckOpen, now, out);
    if (s.deadlineState == InstanceView.DEADLINE_OPEN) {
      s.deadlineState = InstanceView.DEADLINE_RESOLVED;
      out.incidents.add(new IncidentChange(IncidentChange.Kind.RESOLVED,
          incident(s, IncidentType.DEADLINE, null, IncidentStatus.RESOLVED, null, now,
              "ended at " + Instant.ofEpochMilli(s.endedAt) + ", after its deadline", 1)));
    }
    if (kind == EndKind.FAILED) {
      out.incidents.add(new IncidentChange(IncidentChange.Kind.OPENED,
          incident(s, IncidentType.FAILED, p.stepId(endStep), IncidentStatus.OPEN, now, null,
              messages.failed(p, endStep, s.endedAt), 1)));
    }
  }

  static void openStuck(InstanceState s, int step, long now, String message, EngineOutput out) {
    s.stuckOpen |= 1L << step;
    s.stuckRaised |= 1L << step;
    out.incidents.add(new IncidentChange(IncidentChange.Kind.OPENED,
        incident(s, IncidentType.STUCK, s.process().stepId(step), IncidentStatus.OPEN, now, null, message, 1)));
  }

  static void resolveStuck(InstanceState s, long steps, long now, EngineOutput out) {
    long open = s.stuckOpen & steps;
    for (long m = open; m != 0; m &= m - 1) {
      int step = Long.numberOfTrailingZeros(m);
      out.incidents.add(new IncidentChange(IncidentChange.Kind.RESOLVED,
          incident(s, IncidentType.STUCK, s.process().stepId(step), IncidentStatus.RESOLVED, null, now,
              describeResolution(s, step), 1)));
    }
    s.stuckOpen &= ~open;
  }

  private static String describeResolution(InstanceState s, int step) {
    CompiledProcess p = s.process();
    if (s.isReached(step)) {
      return p.stepId(step) + " reached at " + Instant.ofEpochMilli(s.reachedAt[step]);
    }
    long sibling = p.choiceSiblings(step) & s.reached;
    if (sibling != 0) {
      return "alternative " + Predecessors.names(p, sibling) + " reached instead of " + p.stepId(step);
    }
    return "instance ended as " + s.phase + " without " + p.stepId(step);
  }

  static void openDeadline(InstanceState s, long now, String message, EngineOutput out) {
    s.deadlineState = InstanceView.DEADLINE_OPEN;
    out.incidents.add(new IncidentChange(IncidentChange.Kind.OPENED,
        incident(s, IncidentType.DEADLINE, null, IncidentStatus.OPEN, now, null, message, 1)));
  }

  static void raiseOutOfOrder(InstanceState s, int step, long now, String message, EngineOutput out) {
    clearEarly(s, step);
    if ((s.outOfOrderRaised & (1L << step)) != 0) {
      return;
    }
    s.outOfOrderRaised |= 1L << step;
    out.incidents.add(new IncidentChange(IncidentChange.Kind.OPENED,
        incident(s, IncidentType.OUT_OF_ORDER, s.process().stepId(step), IncidentStatus.OPEN, now, null, message, 1)));
  }

  /** Counts one more UNEXPECTED occurrence for the step and returns the new count. */
  static long countUnexpected(InstanceState s, int step) {
    if (s.unexpectedCount == null) {
      s.unexpectedCount = new long[s.reachedAt.length];
    }
    return ++s.unexpectedCount[step];
  }

  static void restoreUnexpectedCount(InstanceState s, int step, long count) {
    if (s.unexpectedCount == null) {
      s.unexpectedCount = new long[s.reachedAt.length];
    }
    s.unexpectedCount[step] = count;
  }

  static void raiseUnexpected(InstanceState s, int step, long stepEventHash, long count, long now, String message,
      EngineOutput out) {
    addSeen(s, stepEventHash);
    boolean first = (s.unexpectedRaised & (1L << step)) == 0;
    s.unexpectedRaised |= 1L << step;
    out.incidents.add(new IncidentChange(first ? IncidentChange.Kind.OPENED : IncidentChange.Kind.UPDATED,
        incident(s, IncidentType.UNEXPECTED, s.process().stepId(step), IncidentStatus.OPEN, now, null, message,
            count)));
  }

  static void fireEscalation(InstanceState s, int e, long dueAt, EngineOutput out) {
    s.escalationsFired |= 1 << e;
    CompiledProcess p = s.process();
    Escalation esc = p.escalation(e);
    String id = IncidentIds.of(p.id(), s.traceId(), IncidentType.DEADLINE, "escalation-" + e);
    out.commands.add(new EscalationCommand(id, p.id(), s.traceId(), e, esc.topic(), esc.type(),
        Instant.ofEpochMilli(dueAt)));
  }

  static Incident incident(InstanceView s, IncidentType type, String step, IncidentStatus status, Long openedAt,
      Long resolvedAt, String message, long count) {
    String process = s.process().id();
    return new Incident(IncidentIds.of(process, s.traceId(), type, step), type, status, process, s.traceId(), step,
        openedAt == null ? null : Instant.ofEpochMilli(openedAt), null,
        resolvedAt == null ? null : Instant.ofEpochMilli(resolvedAt), message, count);
  }
}
