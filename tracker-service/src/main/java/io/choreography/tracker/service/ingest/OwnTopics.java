package io.choreography.tracker.service.ingest;

import java.util.Set;
import java.util.function.Predicate;

/**
 * The topics the tracker writes or Kafka keeps for itself: never business topics, whatever {@code tracker.topics}
 * says (reading its own intake topic back would feed the forwarder its own output).
 */
final class OwnTopics implements Predicate<String> {

  private final Set<String> names;
  private final Set<String> prefixes;

  /**
   * @param names the tracker's topics (intake, instances, incidents, dead letters, commands)
   * @param prefixes prefixes of topics created for the tracker (the tracking topology's internal topics)
   */
  OwnTopics(Set<String> names, Set<String> prefixes) {
    this.names = Set.copyOf(names);
    this.prefixes = Set.copyOf(prefixes);
  }

  @Override
  public boolean test(String topic) {
    if (topic.startsWith("__") || names.contains(topic)) {
      return true;
    }
    for (String p : prefixes) {
      if (topic.startsWith(p)) {
        return true;
      }
    }
    return false;
  }
}
