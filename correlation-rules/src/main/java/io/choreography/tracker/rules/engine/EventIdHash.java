package io.choreography.tracker.rules.engine;

/**
 * 64-bit FNV-1a hash of an event id, for duplicate detection without keeping every id string. Two different ids
 * colliding within one instance is about 1 in 10^17 for the few hundred ids an instance sees.
 */
final class EventIdHash {

  private static final long OFFSET = 0xcbf29ce484222325L;
  private static final long PRIME = 0x100000001b3L;

  private EventIdHash() {}

  static long of(String eventId) {
    long h = OFFSET;
    for (int i = 0, n = eventId.length(); i < n; i++) {
      char c = eventId.charAt(i);
      h ^= c & 0xff;
      h *= PRIME;
      h ^= c >>> 8;
      h *= PRIME;
    }
    return h;
  }

  /** The hash combined with a step index: the same event may legitimately reach two steps of a process. */
  static long forStep(long eventIdHash, int step) {
    long h = eventIdHash ^ ((long) (step + 1) * 0x9e3779b97f4a7c15L);
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    return h;
  }
}
