package io.choreography.tracker.rules.definition;

import java.util.List;

/**
 * One or more definition files are invalid. The message lists every problem as {@code file:line: problem};
 * nothing is loaded when this is thrown.
 */
public class DefinitionException extends RuntimeException {

  /** One problem in one file. {@code line} is 1-based, 0 when the problem is not tied to a line. */
  public record Problem(String source, int line, String message) {
    @Override
    public String toString() {
      return line > 0 ? source + ":" + line + ": " + message : source + ": " + message;
    }
  }

  private final List<Problem> problems;

  public DefinitionException(List<Problem> problems) {
    super(format(problems));
    this.problems = List.copyOf(problems);
  }

  public List<Problem> problems() {
    return problems;
  }

  private static String format(List<Problem> problems) {
    StringBuilder sb = new StringBuilder("invalid process definitions (" + problems.size() + " problem"
        + (problems.size() == 1 ? "" : "s") + "):");
    for (Problem p : problems) {
      sb.append("\n  ").append(p);
    }
    return sb.toString();
  }
}
