package io.choreography.tracker.rules.cli;

import io.choreography.tracker.rules.definition.KeySuggestion;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The tracker's command line: {@code tracker <command> [args]}, dispatched by command name. */
public final class TrackerCli {

  /** Every command of the command line; a new one only needs adding here. */
  private static final List<Command> COMMANDS = List.of(
      new ValidateCommand(),
      new ReplayCommand());

  private static final List<String> HELP = List.of("help", "-h", "--help");

  private final Map<String, Command> commands = new LinkedHashMap<>();

  public TrackerCli() {
    this(COMMANDS);
  }

  /**
   * The commands of this module and {@code more}: those of a module that depends on this one (e.g. the service's
   * commands that read Elasticsearch).
   */
  public static TrackerCli with(List<Command> more) {
    List<Command> all = new java.util.ArrayList<>(COMMANDS);
    all.addAll(more);
    return new TrackerCli(all);
  }

  TrackerCli(List<Command> commands) {
    for (Command c : commands) {
      if (this.commands.putIfAbsent(c.name(), c) != null) {
        throw new IllegalArgumentException("two commands named " + c.name());
      }
    }
  }

  /**
   * True when {@code args} are for this command line rather than options of the service ({@code --server.port=8081}):
   * the first one asks for help or is not an option. A first argument that is not an option is always taken as a
   * command, so that a misspelt one is reported as unknown instead of starting the service.
   */
  public static boolean handles(String[] args) {
    return args.length > 0 && (!args[0].startsWith("-") || HELP.contains(args[0]));
  }

  public static void main(String[] args) {
    System.exit(new TrackerCli().run(args, System.out, System.err));
  }

  /** Runs the command named by {@code args[0]}; returns the exit code instead of exiting, so tests can call it. */
  public int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length == 0) {
      usage(err);
      return Command.USAGE;
    }
    if (HELP.contains(args[0])) {
      usage(out);
      return Command.OK;
    }
    Command command = commands.get(args[0]);
    if (command == null) {
      err.println("unknown command '" + args[0] + "'" + KeySuggestion.hint(args[0], commands.keySet()));
      usage(err);
      return Command.USAGE;
    }
    return command.run(List.copyOf(Arrays.asList(args).subList(1, args.length)), out, err);
  }

  private void usage(PrintStream stream) {
    stream.println("usage: tracker <command> [args]");
    stream.println("commands:");
    for (Command c : commands.values()) {
      stream.println("  " + c.usage());
    }
  }
}
