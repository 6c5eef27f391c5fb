package io.choreography.tracker.rules.tracking;

import io.choreography.tracker.model.intake.KeyLink;
import java.util.ArrayDeque;

/**
 * What a tracker routes to the owners of instances and links ({@link TrackerOutput#routed}, {@link
 * TrackerOutput#linked}) when one tracker owns everything: replay and tests. The service routes through its intake
 * topic instead; both deliver in the order routed, so both give the same results.
 */
public final class LocalRouting {

  private final ArrayDeque<Object> queue = new ArrayDeque<>();

  public void routed(MatchedEvent event) {
    queue.add(event);
  }

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
