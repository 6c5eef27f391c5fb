package io.choreography.tracker.rules.definition;

import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.parser.Parser;

/**
 * Passes the events of a YAML parser through, counting how deeply maps and lists are nested, and stops at a limit.
 * SnakeYAML Engine's composer builds nodes recursively and offers no depth limit: a file of 100,000 {@code [} would
 * end in a StackOverflowError naming no file. Counting events costs nothing and stops before the recursion does.
 */
final class DepthLimitedParser implements Parser {

  /** A map or list opened deeper than the limit; {@code line} is 1-based, 0 when unknown. */
  static final class TooDeepException extends RuntimeException {
    private final int line;

    TooDeepException(int line) {
      super(null, null, false, false);
      this.line = line;
    }

    int line() {
      return line;
    }
  }

  private final Parser parser;
  private final int maxDepth;
  private int depth;

  DepthLimitedParser(Parser parser, int maxDepth) {
    this.parser = parser;
    this.maxDepth = maxDepth;
  }

  @Override
  public Event next() {
    Event event = parser.next();
    switch (event.getEventId()) {
      case MappingStart, SequenceStart -> {
        if (++depth > maxDepth) {
          throw new TooDeepException(event.getStartMark().map(Mark::getLine).orElse(-1) + 1);
        }
      }
      case MappingEnd, SequenceEnd -> depth--;
      default -> { }
    }
    return event;
  }

  @Override
  public boolean checkEvent(Event.ID id) {
    return parser.checkEvent(id);
  }

  @Override
  public Event peekEvent() {
    return parser.peekEvent();
  }

  @Override
  public boolean hasNext() {
    return parser.hasNext();
  }
}
