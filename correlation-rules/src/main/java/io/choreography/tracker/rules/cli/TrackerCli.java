package io.choreography.tracker.rules.cli;

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

  private final Map<String, Command> commands = new LinkedHashMap<>();

  public TrackerCli() {
    this(COMMANDS);
  }

  TrackerCli(List<Command> commands) {
    for (Command c : commands) {
      if (this.commands.putIfAbsent(c.name(), c) != null) {
        throw new IllegalArgumentException("two commands named " + c.name());
      }
    }
  }

  /** True when {@code args} name a command of this command line (rather than options of the service). */
  public static boolean isCommand(String[] args) {
    return args.length > 0 && (new TrackerCli().commands.containsKey(args[0])
        || List.of("help", "-h", "--help").contains(args[0]));
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
    if (List.of("help", "-h", "--help").contains(args[0])) {
      usage(out);
      return Command.OK;
    }
    Command command = commands.get(args[0]);
    if (command == null) {
      err.println("unknown command '" + args[0] + "'");
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
