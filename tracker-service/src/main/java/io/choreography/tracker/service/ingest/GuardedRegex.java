package io.choreography.tracker.service.ingest;

import java.util.regex.Pattern;

/**
 * A user's regular expression applied with a time limit per input. Java's regex engine backtracks, and a pattern
 * such as {@code (a+)+$} takes exponential time on some names; a subscription that evaluates such a pattern inside
 * the Kafka consumer would pin its thread. Here each match reads its input through a {@link CharSequence} that gives
 * up once the limit has passed, so a bad pattern costs at most the limit per topic name and is reported.
 */
final class GuardedRegex {

  /** The outcome for one input: matched, not matched, or given up. */
  enum Outcome {
    MATCH,
    NO_MATCH,
    TOO_SLOW
  }

  private final Pattern pattern;
  private final long limitNanos;

  GuardedRegex(Pattern pattern, long limitNanos) {
    this.pattern = pattern;
    this.limitNanos = limitNanos;
  }

  Pattern pattern() {
    return pattern;
  }

  Outcome matches(String input) {
    try {
      return pattern.matcher(new Deadline(input, System.nanoTime() + limitNanos)).matches()
          ? Outcome.MATCH : Outcome.NO_MATCH;
    } catch (TooSlow e) {
      return Outcome.TOO_SLOW;
    }
  }

  private static final class TooSlow extends RuntimeException {
    TooSlow() {
      super(null, null, false, false);
    }
  }

  /** The input, checking the clock every 1024 reads: the engine reads characters all the time it backtracks. */
  private static final class Deadline implements CharSequence {
    private final String s;
    private final long deadline;
    private int reads;

    Deadline(String s, long deadline) {
      this.s = s;
      this.deadline = deadline;
    }

    @Override
    public char charAt(int index) {
      if ((++reads & 1023) == 0 && System.nanoTime() > deadline) {
        throw new TooSlow();
      }
      return s.charAt(index);
    }

    @Override
    public int length() {
      return s.length();
    }

    @Override
    public CharSequence subSequence(int start, int end) {
      return new Deadline(s.substring(start, end), deadline);
    }

    @Override
    public String toString() {
      return s;
    }
  }
}
