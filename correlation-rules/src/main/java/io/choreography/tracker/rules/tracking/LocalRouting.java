package io.choreography.tracker.rules.tracking;

import io.choreography.tracker.model.intake.KeyLink;
import java.util.ArrayDeque;

/**
 * The output of a tracker that owns everything (replay and tests): what it routes to the owners of instances and
 * links ({@link #routed}, {@link #linked}) is queued and {@link #deliver}ed back to it. The service routes through its
 * intake topic instead; both deliver in the order routed, so both give the same results. Subclasses take the rest of
 * the output.
 */
public abstract class LocalRouting implements TrackerOutput {

  private final ArrayDeque<Object> queue = new ArrayDeque<>();

  @Override
  public void routed(MatchedEvent event) {
    queue.add(event);
  }

  @Override
  public void linked(KeyLink link) {
    queue.add(link);
  }

  /** Delivers what was routed so far, and what that routes in turn, to the tracker. */
  public void deliver(Tracker tracker) {
    Object next;
    while ((next = queue.poll()) != null) {
      if (next instanceof MatchedEvent event) {
        tracker.apply(event);
      } else {
        tracker.link((KeyLink) next);
      }
    }
  }
}
