package io.choreography.tracker.rules.cli;

import io.choreography.tracker.model.InstanceSnapshot;
import io.choreography.tracker.rules.definition.DefinitionException;
import io.choreography.tracker.rules.definition.DefinitionLoader;
import io.choreography.tracker.rules.definition.Durations;
import io.choreography.tracker.rules.definition.ProcessDefinitions;
import io.choreography.tracker.rules.extract.RecordExtractor;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@code replay --definitions <dir> [--retention <duration>] [--output text|jsonl] <events.jsonl>}: runs recorded records through
 * extraction and the tracker the service runs, and prints the incidents as they happen and each instance's outcome.
 * Format, verdict time and retention in docs/replay.md.
 */
public final class ReplayCommand implements Command {

  /** The service's default {@code tracker.tracking.retention}. */
  static final Duration DEFAULT_RETENTION = Duration.ofHours(1);

  @Override
  public String name() {
    return "replay";
  }

  @Override
  public String usage() {
    return "replay --definitions <dir> [--retention <duration>] [--output text|jsonl] <events.jsonl>  run recorded events through the"
        + " tracker and print the verdicts";
  }

  @Override
  public int run(List<String> args, PrintStream out, PrintStream err) {
    String definitionsDir = null;
    String retentionText = null;
    String outputFormat = "text";
    String eventsFile = null;
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (a.equals("--definitions") && i + 1 < args.size()) {
        definitionsDir = args.get(++i);
      } else if (a.startsWith("--definitions=")) {
        definitionsDir = a.substring("--definitions=".length());
      } else if (a.equals("--output") && i + 1 < args.size()) {
        outputFormat = args.get(++i);
      } else if (a.startsWith("--output=")) {
        outputFormat = a.substring("--output=".length());
      } else if (a.equals("--retention") && i + 1 < args.size()) {
        retentionText = args.get(++i);
      } else if (a.startsWith("--retention=")) {
        retentionText = a.substring("--retention=".length());
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
    Duration retention;
    try {
      retention = retentionText == null ? DEFAULT_RETENTION : Durations.parse(retentionText, "--retention");
    } catch (IllegalArgumentException e) {
      err.println(e.getMessage());
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
    ReplayReport report;
    try {
      report = ReplayReport.of(outputFormat, out);
    } catch (IllegalArgumentException e) {
      err.println(e.getMessage());
      return USAGE;
    }
    Replayer replayer = new Replayer(definitions, retention, extractor::extract, report);
    Path file = Path.of(eventsFile);
    try {
      // first pass: the verdict time before a record never passes a timestamp still to come
      long[] laterMinima = suffixMinima(timestamps(file));
      int[] index = {0};
      forEachLine(file, line -> {
        int i = index[0]++;
        long later = i < laterMinima.length ? laterMinima[i] : line.record().timestamp();
        replayer.accept(line.record(), Math.min(line.readAt(), later));
      });
    } catch (IOException e) {
      err.println("cannot read " + eventsFile + ": " + e.getMessage());
      return FAILED;
    } catch (IllegalArgumentException e) {
      err.println(eventsFile + ": " + e.getMessage());
      return FAILED;
    }
    report.finished(replayer, replayer.finish());
    return OK;
  }

  /** The timestamps of the file's records, in file order. */
  private static long[] timestamps(Path file) throws IOException {
    long[][] times = {new long[1024]};
    int[] n = {0};
    forEachLine(file, line -> {
      if (n[0] == times[0].length) {
        times[0] = Arrays.copyOf(times[0], n[0] * 2);
      }
      times[0][n[0]++] = line.record().timestamp();
    });
    return Arrays.copyOf(times[0], n[0]);
  }

  /** For each index, the smallest value at it or after it. */
  static long[] suffixMinima(long[] values) {
    long[] minima = new long[values.length];
    long min = Long.MAX_VALUE;
    for (int i = values.length - 1; i >= 0; i--) {
      min = Math.min(min, values[i]);
      minima[i] = min;
    }
    return minima;
  }

  private static void forEachLine(Path file, Consumer<JsonlRecords.Line> action) throws IOException {
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      long lineNumber = 0;
      while ((line = reader.readLine()) != null) {
        lineNumber++;
        if (!line.isBlank()) {
          action.accept(JsonlRecords.parseLine(line, lineNumber));
        }
      }
    }
  }

}
