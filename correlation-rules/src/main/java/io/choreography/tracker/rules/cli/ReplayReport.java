package io.choreography.tracker.rules.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.choreography.tracker.model.Incident;
import io.choreography.tracker.model.InstanceSnapshot;
import io.choreography.tracker.rules.engine.EscalationCommand;
import io.choreography.tracker.rules.tracking.PublishedChange;
import java.io.PrintStream;
import java.time.Instant;
import java.util.Map;

/** How a replay prints what happens: lines for people ({@code text}) or one JSON object per line ({@code jsonl}). */
interface ReplayReport {

  void incidentChanged(PublishedChange change, long at);

  void escalation(EscalationCommand command, long at);

  /** After the last record: the verdict time reached, each instance as last published, the counts. */
  void finished(Replayer replayer, long end);

  static ReplayReport of(String format, PrintStream out) {
    return switch (format) {
      case "text" -> new Text(out);
      case "jsonl" -> new Jsonl(out);
      default -> throw new IllegalArgumentException("--output must be text or jsonl, but was '" + format + "'");
    };
  }

  /** The default: one line per incident change or escalation, then a summary. */
  final class Text implements ReplayReport {
    private final PrintStream out;

    Text(PrintStream out) {
      this.out = out;
    }

    @Override
    public void incidentChanged(PublishedChange change, long at) {
      Incident i = change.incident();
      out.println(Instant.ofEpochMilli(at) + " " + change.kind() + " " + i.type() + " " + i.process() + "/"
          + (i.traceId() == null ? "-" : i.traceId()) + (i.step() == null ? "" : " " + i.step()) + ": "
          + i.message() + (i.count() > 1 ? " [count " + i.count() + "]" : "") + " (id " + i.id() + ")");
    }

    @Override
    public void escalation(EscalationCommand c, long at) {
      out.println(Instant.ofEpochMilli(at) + " ESCALATE " + c.process() + "/" + c.traceId() + " emit " + c.type()
          + " to " + c.topic() + " (due " + c.dueAt() + ")");
    }

    @Override
    public void finished(Replayer replayer, long end) {
      out.println();
      out.println("clock ran on to " + (replayer.records == 0 ? "-" : Instant.ofEpochMilli(end))
          + " so that every due timer fired");
      out.println("instances:");
      for (Map.Entry<String, InstanceSnapshot> e : replayer.instances().entrySet()) {
        InstanceSnapshot s = e.getValue();
        out.println("  " + e.getKey() + " " + s.status() + " started " + s.startedAt()
            + (s.endedAt() == null ? "" : " ended " + s.endedAt())
            + " steps [" + String.join(", ", s.steps().keySet()) + "]");
      }
      out.println("records " + replayer.records + ", matched " + replayer.matched + ", unmatched "
          + replayer.unmatched + ", duplicates " + replayer.duplicates + ", reordered " + replayer.reordered
          + ", incidents opened " + replayer.openedIncidentsByType());
    }
  }

  /**
   * For tools: {@code {"at", "change", "incident"}} per incident change, {@code {"at", "escalation"}} per
   * escalation, then {@code {"instance"}} per instance as last published and one {@code {"summary"}}.
   */
  final class Jsonl implements ReplayReport {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final PrintStream out;

    Jsonl(PrintStream out) {
      this.out = out;
    }

    @Override
    public void incidentChanged(PublishedChange change, long at) {
      ObjectNode line = JSON.createObjectNode().put("at", Instant.ofEpochMilli(at).toString())
          .put("change", change.kind().name());
      Incident i = change.incident();
      line.putObject("incident").put("id", i.id()).put("type", i.type().name()).put("status", i.status().name())
          .put("process", i.process()).put("traceId", i.traceId()).put("step", i.step())
          .put("openedAt", text(i.openedAt())).put("acknowledgedAt", text(i.acknowledgedAt()))
          .put("resolvedAt", text(i.resolvedAt())).put("message", i.message()).put("count", i.count());
      out.println(line);
    }

    @Override
    public void escalation(EscalationCommand c, long at) {
      ObjectNode line = JSON.createObjectNode().put("at", Instant.ofEpochMilli(at).toString());
      line.putObject("escalation").put("process", c.process()).put("traceId", c.traceId()).put("topic", c.topic())
          .put("type", c.type()).put("dueAt", c.dueAt().toString());
      out.println(line);
    }

    @Override
    public void finished(Replayer replayer, long end) {
      for (InstanceSnapshot s : replayer.instances().values()) {
        ObjectNode line = JSON.createObjectNode();
        ObjectNode instance = line.putObject("instance").put("process", s.process()).put("traceId", s.traceId())
            .put("status", s.status().name()).put("startedAt", text(s.startedAt())).put("endedAt", text(s.endedAt()));
        ObjectNode steps = instance.putObject("steps");
        s.steps().forEach((step, reached) -> steps.putObject(step).put("reachedAt", text(reached.reachedAt()))
            .put("eventId", reached.eventId()));
        out.println(line);
      }
      ObjectNode line = JSON.createObjectNode();
      line.putObject("summary").put("clockRanTo", replayer.records == 0 ? null : Instant.ofEpochMilli(end).toString())
          .put("records", replayer.records).put("matched", replayer.matched).put("unmatched", replayer.unmatched)
          .put("duplicates", replayer.duplicates).put("reordered", replayer.reordered);
      out.println(line);
    }

    private static String text(Instant t) {
      return t == null ? null : t.toString();
    }
  }
}
