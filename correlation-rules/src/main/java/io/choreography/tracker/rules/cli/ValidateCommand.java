package io.choreography.tracker.rules.cli;

import io.choreography.tracker.rules.definition.DefinitionException;
import io.choreography.tracker.rules.definition.DefinitionLoader;
import io.choreography.tracker.rules.definition.ProcessDefinition;
import io.choreography.tracker.rules.definition.ProcessDefinitions;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code validate <dir>}: loads the definitions of a directory as the tracker would at start-up, so a change can
 * be checked (in CI, say) before it is deployed.
 */
final class ValidateCommand implements Command {

  @Override
  public String name() {
    return "validate";
  }

  @Override
  public String usage() {
    return "validate <dir>   check every *.yaml/*.yml process definition in dir; exit 1 if any is invalid";
  }

  @Override
  public int run(List<String> args, PrintStream out, PrintStream err) {
    if (args.size() != 1) {
      err.println("usage: tracker " + usage());
      return USAGE;
    }
    Path dir = Path.of(args.get(0));
    ProcessDefinitions definitions;
    try {
      definitions = DefinitionLoader.loadDirectory(dir);
    } catch (DefinitionException e) {
      e.problems().forEach(err::println);
      int n = e.problems().size();
      err.println(n + (n == 1 ? " problem" : " problems") + " found in " + dir);
      return FAILED;
    }
    for (ProcessDefinition p : definitions.all()) {
      int steps = p.steps().size();
      out.println(p.id() + ": " + steps + (steps == 1 ? " step" : " steps") + ", version " + p.version()
          + " (" + p.source() + ")");
    }
    int n = definitions.size();
    out.println(n == 0
        ? "no process definitions in " + dir
        : n + (n == 1 ? " process definition" : " process definitions") + " valid in " + dir);
    return OK;
  }
}
