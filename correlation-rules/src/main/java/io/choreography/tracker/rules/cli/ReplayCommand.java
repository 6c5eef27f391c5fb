package io.choreography.tracker.rules.cli;

import io.choreography.tracker.rules.definition.DefinitionException;
import io.choreography.tracker.rules.definition.DefinitionLoader;
import io.choreography.tracker.rules.definition.ProcessDefinitions;
import io.choreography.tracker.rules.engine.InstanceState;
import io.choreography.tracker.rules.engine.InstanceView;
import io.choreography.tracker.rules.extract.RecordExtractor;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * {@code replay --definitions <dir> <events.jsonl>}: runs recorded records through extraction and the tracking
 * engine with a simulated clock and prints the incidents as they happen and each instance's outcome. Format and
 * clock in REPLAY.md.
 */
public final class ReplayCommand implements Command {

  @Override
  public String name() {
    return "replay";
  }

  @Override
  public String usage() {
    return "replay --definitions <dir> <events.jsonl>  run recorded events through the tracker and print the verdicts";
  }

  @Override
  public int run(List<String> args, PrintStream out, PrintStream err) {
    String definitionsDir = null;
    String eventsFile = null;
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (a.equals("--definitions") && i + 1 < args.size()) {
        definitionsDir = args.get(++i);
      } else if (a.startsWith("--definitions=")) {
        definitionsDir = a.substring("--definitions=".length());
      } else if (!a.startsWith("--") && eventsFile == null) {
        eventsFile = a;
      } else {
        err.println("unexpected argument: " + a);
        err.println("usage: " + usage());
        return USAGE;
      }
    }
    if (definitionsDir == null || eventsFile == null) {
      err.println("usage: " + usage());
      return USAGE;
    }
    ProcessDefinitions definitions;
    try {
      definitions = DefinitionLoader.loadDirectory(Path.of(definitionsDir));
    } catch (DefinitionException e) {
      err.println(e.getMessage());
      return FAILED;
    }
    RecordExtractor extractor = new RecordExtractor(definitions);
    Replayer replayer = new Replayer(definitions, extractor::extract, out);
    try (BufferedReader reader = Files.newBufferedReader(Path.of(eventsFile), StandardCharsets.UTF_8)) {
      String line;
      long lineNumber = 0;
      while ((line = reader.readLine()) != null) {
        lineNumber++;
        if (line.isBlank()) {
          continue;
        }
        replayer.accept(JsonlRecords.parse(line, lineNumber));
      }
    } catch (IOException e) {
      err.println("cannot read " + eventsFile + ": " + e.getMessage());
      return FAILED;
    } catch (IllegalArgumentException e) {
      err.println(eventsFile + ": " + e.getMessage());
      return FAILED;
    }
    long end = replayer.finish();
    printSummary(replayer, end, out);
    return OK;
  }

  static void printSummary(Replayer replayer, long end, PrintStream out) {
    out.println();
    out.println("clock ran on to " + (replayer.records == 0 ? "-" : Instant.ofEpochMilli(end))
        + " so that every due timer fired");
    out.println("instances:");
    for (Map.Entry<String, InstanceState> e : replayer.instances().entrySet()) {
      InstanceState s = e.getValue();
      StringBuilder steps = new StringBuilder();
      for (int i = 0; i < s.process().stepCount(); i++) {
        if (s.isReached(i)) {
          steps.append(steps.length() == 0 ? "" : ", ").append(s.process().stepId(i));
        }
      }
      out.println("  " + e.getKey() + " " + s.status() + " started " + Instant.ofEpochMilli(s.startedAt())
          + (s.endedAt() == InstanceView.NONE ? "" : " ended " + Instant.ofEpochMilli(s.endedAt()))
          + " steps [" + steps + "]");
    }
    out.println("records " + replayer.records + ", matched " + replayer.matched + ", unmatched " + replayer.unmatched
        + ", duplicates " + replayer.duplicates + ", reordered " + replayer.reordered + ", incidents opened "
        + replayer.openedIncidentsByType());
  }
}
