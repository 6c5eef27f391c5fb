package io.choreography.tracker.rules.extract;

/**
 * What the tracker accepts as an id it correlates or files things under (trace ids, business key values): at most
 * {@link #MAX_LENGTH} characters, not blank, no control characters. The same rule applies where records enter
 * (extraction refuses such a value with a counted reason, and the event is indexed as uncorrelated) and where
 * callers ask for one (the API answers 400), so that every id the tracker holds can also be asked for.
 */
public final class IdLimits {

  /** Most characters of a trace id or key value. */
  public static final int MAX_LENGTH = 256;

  private IdLimits() {}

  /** Why {@code value} cannot be used as a trace id or key value, or null when it can. */
  public static String problem(String value) {
    if (value == null || value.isBlank()) {
      return "empty or blank";
    }
    if (value.length() > MAX_LENGTH) {
      return "longer than " + MAX_LENGTH + " characters (" + value.length() + ")";
    }
    for (int i = 0; i < value.length(); i++) {
      if (Character.isISOControl(value.charAt(i))) {
        return "contains a control character at position " + i;
      }
    }
    return null;
  }

  /** True when {@link #problem} finds nothing. */
  public static boolean usable(String value) {
    return problem(value) == null;
  }
}
