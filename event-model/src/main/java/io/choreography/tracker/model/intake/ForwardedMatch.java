package io.choreography.tracker.model.intake;

import io.choreography.tracker.model.OrderedMaps;
import java.util.Map;
import java.util.Objects;

/**
 * The record matched step {@code step} of process {@code process}.
 *
 * @param traceId null when the process's correlation sources yielded no usable trace id: then the match joins the
 *     instance one of its key values is linked to (SPEC 3.12), else it is UNCORRELATED
 * @param eventTime epoch ms
 * @param keys the values of the process's business keys the record carries, by key name in definition order
 * @param lookup for a match without a trace id but with keys: which key's owner it is routed to, {@code 0 ..
 *     keys.size() - 1} while the keys are looked up one after the other, {@code keys.size()} when none was linked and
 *     it goes back to the owner of the first key to wait for its link; {@link #NO_LOOKUP} otherwise
 */
public record ForwardedMatch(String process, String step, String traceId, String eventId, long eventTime,
    Map<String, String> keys, int lookup) {

  public static final int NO_LOOKUP = -1;

  /** What follows the process id in a {@link #linkKey}. */
  private static final String LINK = "/\u0002";

  public ForwardedMatch {
    Objects.requireNonNull(process, "process");
    Objects.requireNonNull(step, "step");
    Objects.requireNonNull(eventId, "eventId");
    keys = OrderedMaps.copyOf(keys);
    if (lookup != NO_LOOKUP && (traceId != null || lookup < 0 || lookup > keys.size() || keys.isEmpty())) {
      throw new IllegalArgumentException("lookup " + lookup + " with " + keys.size() + " keys and trace id "
          + traceId);
    }
  }

  /** A match that carries no business key. */
  public ForwardedMatch(String process, String step, String traceId, String eventId, long eventTime) {
    this(process, step, traceId, eventId, eventTime, Map.of(), NO_LOOKUP);
  }

  /** A match as read: one without a trace id but with keys starts by looking up its first key. */
  public static ForwardedMatch read(String process, String step, String traceId, String eventId, long eventTime,
      Map<String, String> keys) {
    return new ForwardedMatch(process, step, traceId, eventId, eventTime, keys, firstLookup(traceId, keys));
  }

  /** Where a match as read starts: looking up its first key when it has keys and no trace id, else nowhere. */
  public static int firstLookup(String traceId, Map<String, String> keys) {
    return traceId == null && !keys.isEmpty() ? 0 : NO_LOOKUP;
  }

  /** See {@link #routingKey(String, String, String, Map, int)}. */
  public String routingKey() {
    return routingKey(process, step, traceId, keys, lookup);
  }

  /**
   * The key that routes a match to the task that owns what it needs: its instance (the trace id); the link of the key
   * it is looking up ({@link #linkKey}); or, for a match with neither, {@code process/step}, whose UNCORRELATED
   * counter one task owns.
   */
  public static String routingKey(String process, String step, String traceId, Map<String, String> keys,
      int lookup) {
    if (traceId != null) {
      return traceId;
    }
    if (lookup != NO_LOOKUP) {
      int i = lookup == keys.size() ? 0 : lookup;
      int at = 0;
      for (Map.Entry<String, String> key : keys.entrySet()) {
        if (at++ == i) {
          return linkKey(process, key.getKey(), key.getValue());
        }
      }
    }
    return process + "/" + step;
  }

  /**
   * The key of the link of one business key value, {@code process/\u0002name=value}: the task that owns it keeps the
   * link and the events waiting for it. No trace id can start with a control character, so it never meets an
   * instance key.
   */
  public static String linkKey(String process, String keyName, String value) {
    return process + LINK + keyName + "=" + value;
  }

  /** Whether a key of the tracking state (e.g. a timer's) is a {@link #linkKey} rather than an instance key. */
  public static boolean isLinkKey(String key) {
    int slash = key.indexOf('/');
    return slash >= 0 && key.startsWith(LINK, slash);
  }
}
