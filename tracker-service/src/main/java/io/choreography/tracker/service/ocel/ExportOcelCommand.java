package io.choreography.tracker.service.ocel;

import io.choreography.tracker.rules.cli.Command;
import io.choreography.tracker.service.elasticsearch.IndexNames;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.http.HttpHost;
import org.elasticsearch.client.RestClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code export-ocel [--elasticsearch URL] [--index-prefix P] [--process ID] [--from T] [--to T] [--out FILE]}: the
 * OCEL 2.0 JSON log of {@code GET /api/export/ocel}, read straight from Elasticsearch (nothing of the tracker needs
 * to run), progress on stderr. The file is written under a temporary name and moved into place once complete, so an
 * interrupted export leaves no half log; without {@code --out} the log goes to stdout.
 */
public final class ExportOcelCommand implements Command {

  private static final Set<String> OPTIONS = Set.of("elasticsearch", "index-prefix", "process", "from", "to", "out");
  private static final long PROGRESS_NANOS = 2_000_000_000L;

  private final InstantSource clock;

  public ExportOcelCommand() {
    this(InstantSource.system());
  }

  ExportOcelCommand(InstantSource clock) {
    this.clock = clock;
  }

  @Override
  public String name() {
    return "export-ocel";
  }

  @Override
  public String usage() {
    return "export-ocel [--elasticsearch http://localhost:9200] [--index-prefix tracker] [--process <id>]"
        + " [--from <time>] [--to <time>] [--out <file>]  write the events and instances of [from, to) (default:"
        + " the last 24 h) as an OCEL 2.0 JSON log";
  }

  @Override
  public int run(List<String> args, PrintStream out, PrintStream err) {
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      String name;
      String value;
      if (a.startsWith("--") && a.contains("=")) {
        name = a.substring(2, a.indexOf('='));
        value = a.substring(a.indexOf('=') + 1);
      } else if (a.startsWith("--") && i + 1 < args.size()) {
        name = a.substring(2);
        value = args.get(++i);
      } else {
        return usage(err, "unexpected argument: " + a);
      }
      if (!OPTIONS.contains(name)) {
        return usage(err, "unknown option --" + name);
      }
      options.put(name, value);
    }
    OcelQuery query;
    try {
      Instant to = time(options.get("to"), "--to", clock.instant());
      Instant from = time(options.get("from"), "--from", to.minus(Duration.ofHours(24)));
      query = new OcelQuery(options.get("process"), from, to);
    } catch (IllegalArgumentException e) {
      return usage(err, e.getMessage());
    }
    String uri = options.getOrDefault("elasticsearch", "http://localhost:9200");
    IndexNames names = new IndexNames(options.getOrDefault("index-prefix", "tracker"));
    String file = options.get("out");
    err.printf("exporting the events of %s from %s to %s (indices %s) to %s%n",
        query.process() == null ? "every process" : query.process(), query.from(), query.to(), names.eventsPattern(),
        file == null ? "stdout" : file);
    long start = System.nanoTime();
    try (RestClient client = RestClient.builder(HttpHost.create(uri)).build()) {
      OcelExport export = new OcelExport(client, JsonMapper.builder().build(), names);
      OcelExport.Summary summary = file == null
          ? export.write(query, new BufferedOutputStream(new Uncloseable(out), 64 * 1024), new Printed(err, start))
          : toFile(export, query, Path.of(file), new Printed(err, start));
      err.printf("wrote %,d events and %,d objects in %.1f s%s%n", summary.events(), summary.objects(),
          (System.nanoTime() - start) / 1e9, summary.attributesLeftOut() == 0 ? ""
              : "; " + summary.attributesLeftOut() + " payload attribute values left out (more than "
                  + OcelTypes.MAX_ATTRIBUTES + " attributes for their event type)");
      return OK;
    } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
      err.println("export failed: " + e.getMessage());
      return FAILED;
    }
  }

  private static OcelExport.Summary toFile(OcelExport export, OcelQuery query, Path file, OcelExport.Progress progress)
      throws IOException {
    Path absolute = file.toAbsolutePath();
    Path part = absolute.resolveSibling(absolute.getFileName() + ".part");
    try {
      OcelExport.Summary summary;
      try (OutputStream stream = new BufferedOutputStream(Files.newOutputStream(part), 256 * 1024)) {
        summary = export.write(query, stream, progress);
      }
      Files.move(part, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return summary;
    } finally {
      Files.deleteIfExists(part);
    }
  }

  private static Instant time(String value, String name, Instant otherwise) {
    if (value == null) {
      return otherwise;
    }
    try {
      return OffsetDateTime.parse(value).toInstant();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(name + " must be an ISO-8601 time with an offset (e.g. "
          + "2026-11-20T10:00:00Z), but was '" + value + "'");
    }
  }

  private int usage(PrintStream err, String problem) {
    err.println(problem);
    err.println("usage: tracker " + usage());
    return USAGE;
  }

  /** Progress lines on stderr, at most every 2 s, and at each phase's end. */
  private static final class Printed implements OcelExport.Progress {
    private final PrintStream err;
    private final long start;
    private long last;

    Printed(PrintStream err, long start) {
      this.err = err;
      this.start = start;
    }

    @Override
    public void events(long written, long total) {
      if (due(written == total)) {
        double seconds = Math.max(1e-3, (System.nanoTime() - start) / 1e9);
        err.printf("  events: %,d of %,d (%.0f%%), %,.0f/s%n", written, total,
            total == 0 ? 100.0 : 100.0 * written / total, written / seconds);
      }
    }

    @Override
    public void objects(long written) {
      if (due(false)) {
        err.printf("  objects: %,d%n", written);
      }
    }

    private boolean due(boolean anyway) {
      long now = System.nanoTime();
      if (anyway || now - last >= PROGRESS_NANOS) {
        last = now;
        return true;
      }
      return false;
    }
  }

  /** stdout, which the export must not close. */
  private static final class Uncloseable extends java.io.FilterOutputStream {
    Uncloseable(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
      flush();
    }
  }
}
