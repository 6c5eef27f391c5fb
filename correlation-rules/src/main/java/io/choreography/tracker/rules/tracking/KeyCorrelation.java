package io.choreography.tracker.rules.tracking;

import io.choreography.tracker.model.intake.KeyLink;
import io.choreography.tracker.rules.definition.ProcessDefinition;
import io.choreography.tracker.rules.tracking.state.mutable.MutableKeyLinks;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Correlation by business keys that change between steps (SPEC 3.12), in three places a driver routes between
 * (through the intake topic in the service, a queue in replay):
 * <ul>
 *   <li>at an instance's owner, an event that belongs to the instance links every key value it carries that the
 *       instance has not linked yet: a {@link KeyLink} goes to the owner of the value's link key;
 *   <li>at a link key's owner, the link is kept (the first instance to link a value keeps it) and the events waiting
 *       for it go on to the instance, counted as reordered;
 *   <li>at a link key's owner, an event without a trace id looks its keys up one after the other; the first one
 *       linked sends it on to that instance; when none is, it waits at the owner of its first key, up to the
 *       process's {@code reorderWindow} after its arrival, for the link; then it is UNCORRELATED.
 * </ul>
 * Nothing here reads Elasticsearch or a clock: a waiting event's window ends by the verdict time, like every other
 * verdict that rests on an absence.
 */
final class KeyCorrelation {

  /** More values of one key than this per instance are not linked (a runaway producer must not grow one entry). */
  static final int MAX_VALUES_PER_KEY = 64;
  /** More events than this waiting for one link are UNCORRELATED at once (their entry must stay small). */
  static final int MAX_WAITING = 1_000;

  private static final System.Logger LOG = System.getLogger(KeyCorrelation.class.getName());

  private final MutableKeyLinks links;
  private final TrackingApplier applier;
  private final TrackerOutput output;
  private final TrackerCounters counters;

  KeyCorrelation(MutableKeyLinks links, TrackingApplier applier, TrackerOutput output, TrackerCounters counters) {
    this.links = links;
    this.applier = applier;
    this.output = output;
    this.counters = counters;
  }

  /** The key values an instance has linked, by key name, and whether the event just applied linked a new one. */
  record Linked(Map<String, List<String>> keys, boolean changed) {}

  /**
   * At the instance's owner: links the values the event carries; null when it carries none (and nothing was read),
   * else the instance's values after it.
   */
  Linked linkValues(String instanceKey, MatchedEvent event, String traceId) {
    if (event.keys().isEmpty()) {
      return null;
    }
    Map<String, List<String>> known = links.keysOf(instanceKey);
    Map<String, List<String>> updated = null;
    for (Map.Entry<String, String> key : event.keys().entrySet()) {
      Map<String, List<String>> current = updated != null ? updated : known;
      List<String> values = current.getOrDefault(key.getKey(), List.of());
      if (values.contains(key.getValue()) || values.size() >= MAX_VALUES_PER_KEY) {
        continue;
      }
      if (updated == null) {
        updated = new LinkedHashMap<>(known);
      }
      List<String> more = new ArrayList<>(values.size() + 1);
      more.addAll(values);
      more.add(key.getValue());
      updated.put(key.getKey(), List.copyOf(more));
      output.linked(new KeyLink(event.process(), key.getKey(), key.getValue(), traceId, event.arrivedAt(), false));
    }
    if (updated == null) {
      return new Linked(known, false);
    }
    links.keysOf(instanceKey, updated);
    return new Linked(updated, true);
  }

  /** At the instance's owner, when the instance leaves the store: its links go too. */
  void unlinkAll(String instanceKey, long at) {
    Map<String, List<String>> known = links.keysOf(instanceKey);
    if (known.isEmpty()) {
      return;
    }
    String process = InstanceKeys.processOf(instanceKey);
    String traceId = instanceKey.substring(process.length() + 1);
    known.forEach((name, values) -> values.forEach(
        value -> output.linked(new KeyLink(process, name, value, traceId, at, true))));
    links.keysOf(instanceKey, Map.of());
  }

  /** At the owner of the link key the event is looking up. */
  void lookUp(ProcessDefinition process, MatchedEvent event) {
    int n = event.keys().size();
    String linkKey = event.routingKey();
    String trace = links.traceOf(linkKey);
    if (trace != null) {
      output.routed(event.resolvedTo(trace));
      return;
    }
    if (event.lookup() + 1 < n) {
      output.routed(event.lookingUp(event.lookup() + 1));
    } else if (event.lookup() + 1 == n && n > 1) {
      // none of its keys is linked: back to the first key's owner, where the link most likely comes from
      output.routed(event.lookingUp(n));
    } else {
      await(linkKey, event, process.reorderWindow().toMillis());
    }
  }

  private void await(String linkKey, MatchedEvent event, long windowMillis) {
    List<MatchedEvent> waiting = links.waiting(linkKey);
    if (waiting.size() >= MAX_WAITING) {
      LOG.log(System.Logger.Level.WARNING, "more than " + MAX_WAITING + " events wait for the link of "
          + linkKey + ": event " + event.eventId() + " is UNCORRELATED at once");
      output.routed(event.uncorrelated());
      return;
    }
    List<MatchedEvent> more = new ArrayList<>(waiting.size() + 1);
    more.addAll(waiting);
    more.add(event);
    links.waiting(linkKey, more);
    applier.schedule(event.arrivedAt() + windowMillis, linkKey);
  }

  /** At the link key's owner: keeps the link (or removes it) and sends the events that waited for it on. */
  void link(KeyLink link, long windowMillis) {
    String linkKey = link.linkKey();
    String known = links.traceOf(linkKey);
    if (link.removed()) {
      if (link.traceId().equals(known)) {
        links.unlink(linkKey);
      }
      return;
    }
    if (known == null) {
      links.link(linkKey, link.traceId());
      known = link.traceId();
    } else if (!known.equals(link.traceId())) {
      String first = known;
      LOG.log(System.Logger.Level.DEBUG, () -> link.keyName() + " " + link.value() + " stays linked to trace "
          + first + ", not to " + link.traceId());
    }
    List<MatchedEvent> waiting = links.waiting(linkKey);
    if (waiting.isEmpty()) {
      return;
    }
    links.waiting(linkKey, List.of());
    for (MatchedEvent event : waiting) {
      applier.unschedule(event.arrivedAt() + windowMillis, linkKey);
      counters.reordered(1);
      output.routed(event.resolvedTo(known));
    }
  }

  /** A waiting event's timer: those whose window ended by the verdict time are UNCORRELATED. */
  void expire(String linkKey, long verdictTime, long windowMillis) {
    List<MatchedEvent> waiting = links.waiting(linkKey);
    if (waiting.isEmpty()) {
      return;
    }
    List<MatchedEvent> still = new ArrayList<>(waiting.size());
    for (MatchedEvent event : waiting) {
      if (event.arrivedAt() + windowMillis <= verdictTime) {
        output.routed(event.uncorrelated());
      } else {
        still.add(event);
      }
    }
    if (still.size() != waiting.size()) {
      links.waiting(linkKey, still);
    }
  }
}
