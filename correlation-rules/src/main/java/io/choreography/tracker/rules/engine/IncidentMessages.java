package io.choreography.tracker.rules.engine;

import io.choreography.tracker.rules.definition.StepDefinition;
import java.time.Instant;

/** One-sentence incident messages (SPEC section 4). */
final class IncidentMessages {

  private final StuckMessageHint hint;

  IncidentMessages(StuckMessageHint hint) {
    this.hint = hint;
  }

  private static String describe(CompiledProcess p, int step) {
    StepDefinition s = p.step(step);
    return s.id() + " (" + s.type() + " on " + s.topic() + ")";
  }

  private static String time(long millis) {
    return Instant.ofEpochMilli(millis).toString();
  }

  String stuck(CompiledProcess p, int step, long since, long now) {
    return "waiting " + Durations.format(now - since) + " for " + describe(p, step) + "; due after "
        + Durations.format(p.withinMillis(step)) + hint.suffix(p.id(), p.stepId(step));
  }

  String deadline(CompiledProcess p, long startedAt, long now) {
    return "running for " + Durations.format(now - startedAt) + " since " + time(startedAt)
        + " without ending; deadline is " + Durations.format(p.deadlineMillis());
  }

  String outOfOrderExpired(CompiledProcess p, int step, long eventTime, long missing) {
    return p.stepId(step) + " arrived (event time " + time(eventTime) + ") before " + Predecessors.names(p, missing)
        + ", which did not arrive within the " + Durations.format(p.reorderWindowMillis()) + " reorder window";
  }

  String outOfOrderLater(CompiledProcess p, int step, long eventTime, int pred, long predTime, boolean afterWindow) {
    return p.stepId(pred) + " (event time " + time(predTime) + ") came after " + p.stepId(step) + " (event time "
        + time(eventTime) + ")" + (afterWindow
            ? ", later than the " + Durations.format(p.reorderWindowMillis()) + " reorder window"
            : ", with a later event time")
        + " although " + p.stepId(step) + " comes after it";
  }

  String failed(CompiledProcess p, int step, long eventTime) {
    return "ended as FAILED at " + describe(p, step) + " at " + time(eventTime);
  }

  String reachedAgain(CompiledProcess p, int step, String eventId, String firstEventId, long count) {
    return p.stepId(step) + " reached again by event " + eventId + " after event " + firstEventId
        + occurrences(count);
  }

  String afterEnd(CompiledProcess p, int step, String eventId, InstanceView v, long count) {
    return "event " + eventId + " for " + p.stepId(step) + " arrived after the instance ended as " + v.phase()
        + " at " + time(v.endedAt()) + occurrences(count);
  }

  String withdrawn(CompiledProcess p, int step, long siblings, String eventId, long count) {
    return p.stepId(step) + " reached by event " + eventId + " although its alternative "
        + Predecessors.names(p, siblings) + " was already reached" + occurrences(count);
  }

  private static String occurrences(long count) {
    return count > 1 ? " (" + count + " times)" : "";
  }

  static String uncorrelated(CompiledProcess p, int step, long count) {
    return count + (count == 1 ? " event" : " events") + " matched " + describe(p, step)
        + " but carried no trace id";
  }
}
