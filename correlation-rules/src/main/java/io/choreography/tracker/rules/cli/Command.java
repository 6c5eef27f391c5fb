package io.choreography.tracker.rules.cli;

import java.io.PrintStream;
import java.util.List;

/** One subcommand of {@link TrackerCli}, e.g. {@code validate <dir>}. */
public interface Command {

  /** Exit code: the command did what was asked and found nothing wrong. */
  int OK = 0;
  /** Exit code: the command ran and found problems (e.g. invalid definitions). */
  int FAILED = 1;
  /** Exit code: the command line itself was wrong. */
  int USAGE = 2;

  /** The name it is called by: {@code tracker <name> ...}. */
  String name();

  /** Arguments and a one-line description, e.g. {@code "validate <dir>  check the process definitions in dir"}. */
  String usage();

  /** Runs with the arguments after the name; returns the exit code. Never calls System.exit. */
  int run(List<String> args, PrintStream out, PrintStream err);
}
