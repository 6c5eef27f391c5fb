package io.choreography.tracker.rules.extract;

import io.choreography.tracker.model.RawRecord;
import io.choreography.tracker.rules.definition.ProcessDefinitions;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Reads trace id, type, time and event id from a record (headers + bytes) and matches it to process steps.
 * Thread-safe; never throws on bad input (invalid JSON, binary, empty, garbage headers).
 *
 * <p>Per record the value is parsed at most once and shared by every process; the steps that can match a topic
 * are computed once per topic and cached.
 */
public final class RecordExtractor {

  /** The CloudEvents correlation extension's other attribute: the id of the event that caused this one. */
  private static final String CAUSATION_ID = "ce_causationid";

  private final ProcessDefinitions definitions;
  private final List<CompiledProcess> processes;
  private final UnmatchedSources unmatched;
  private final ConcurrentMap<String, TopicCandidates> candidatesByTopic = new ConcurrentHashMap<>();

  public RecordExtractor(ProcessDefinitions definitions) {
    this.definitions = definitions;
    this.processes = definitions.all().stream().map(CompiledProcess::new).toList();
    this.unmatched = UnmatchedSources.of(definitions.all());
  }

  public ProcessDefinitions definitions() {
    return definitions;
  }

  public ExtractedEvent extract(RawRecord record) {
    if (record == null) {
      return new ExtractedEvent("unknown", null, null, Instant.EPOCH, Payload.EMPTY, false, List.of());
    }
    try {
      return extractUnguarded(record);
    } catch (RuntimeException | StackOverflowError e) {
      // Not expected; but one unreadable record must never stop tracking of a topic: keep what is certain.
      return new ExtractedEvent(record.coordinates(), null, null, Instant.ofEpochMilli(record.timestamp()),
          Payload.EMPTY, false, List.of());
    }
  }

  /** {@link #extract} without its safety net; tests use it to prove that the net is never needed. */
  ExtractedEvent extractUnguarded(RawRecord record) {
    RecordView view = RecordReader.read(record);
    TopicCandidates candidates =
        candidatesByTopic.computeIfAbsent(record.topic(), topic -> TopicCandidates.of(topic, processes));
    List<StepMatch> matches = new ArrayList<>(candidates.processes().size());
    Refusals problems = new Refusals();
    String firstType = null;
    Map<String, String> keys = Map.of();
    for (TopicCandidates.Candidate candidate : candidates.processes()) {
      CompiledProcess process = candidate.process();
      String type = problems.type(CompiledSource.first(process.eventType(), view));
      if (type == null) {
        continue;
      }
      CompiledStep step = firstMatch(candidate.steps(), type, view);
      if (step == null) {
        continue;
      }
      if (matches.isEmpty()) {
        firstType = type;
      }
      Map<String, String> processKeys = KeySources.read(process.keys(), view, problems::note);
      keys = union(keys, processKeys);
      matches.add(new StepMatch(process.id(), step.id(),
          problems.traceId(CompiledSource.first(process.correlation(), view)),
          problems.eventId(eventId(process.eventId(), view)),
          time(process.eventTime(), view), processKeys));
    }
    String causationId = problems.causationId(view.header(CAUSATION_ID));
    if (!matches.isEmpty()) {
      StepMatch first = matches.get(0);
      return new ExtractedEvent(first.eventId(), first.traceId(), firstType, first.time(), view.payload(),
          view.cloudEvent(), matches, problems.list(), keys, causationId);
    }
    return new ExtractedEvent(
        problems.eventId(eventId(unmatched.eventId(), view)),
        problems.traceId(CompiledSource.first(unmatched.traceId(), view)),
        problems.type(CompiledSource.first(unmatched.eventType(), view)),
        time(unmatched.eventTime(), view),
        view.payload(),
        view.cloudEvent(),
        List.of(),
        problems.list(),
        KeySources.read(unmatched.keys(), view, problems::note),
        causationId);
  }

  /** Both, the first's values winning where two processes name the same key. */
  private static Map<String, String> union(Map<String, String> a, Map<String, String> b) {
    if (b.isEmpty()) {
      return a;
    }
    if (a.isEmpty()) {
      return b;
    }
    Map<String, String> all = new LinkedHashMap<>(a);
    b.forEach(all::putIfAbsent);
    return all;
  }

  /**
   * Applies {@link IdLimits} to what a record yields and notes each refusal once: a trace id the tracker cannot
   * file an instance under is dropped (the match becomes uncorrelated), an overlong type is treated as absent (no
   * step can name it), an overlong event id is replaced by its SHA-256 (still unique, still deterministic).
   */
  private static final class Refusals {
    private List<String> list;

    String traceId(String traceId) {
      if (traceId == null) {
        return null;
      }
      String problem = IdLimits.problem(traceId);
      if (problem == null) {
        return traceId;
      }
      note("trace id refused: " + problem);
      return null;
    }

    String causationId(String id) {
      if (id == null || id.length() <= IdLimits.MAX_LENGTH) {
        return id;
      }
      note("causation id ignored: longer than " + IdLimits.MAX_LENGTH + " characters (" + id.length() + ")");
      return null;
    }

    String type(String type) {
      if (type == null || type.length() <= IdLimits.MAX_LENGTH) {
        return type;
      }
      note("type ignored: longer than " + IdLimits.MAX_LENGTH + " characters (" + type.length() + ")");
      return null;
    }

    String eventId(String eventId) {
      if (eventId.length() <= IdLimits.MAX_LENGTH) {
        return eventId;
      }
      note("event id replaced by its SHA-256: longer than " + IdLimits.MAX_LENGTH + " characters ("
          + eventId.length() + ")");
      return "sha256:" + sha256(eventId);
    }

    void note(String problem) {
      if (list == null) {
        list = new ArrayList<>(2);
      }
      if (!list.contains(problem)) {
        list.add(problem);
      }
    }

    List<String> list() {
      return list == null ? List.of() : list;
    }

    private static String sha256(String value) {
      try {
        return HexFormat.of().formatHex(
            MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("every JVM has SHA-256", e);
      }
    }
  }

  /** Per process at most one match: the first step in definition order. */
  private static CompiledStep firstMatch(List<CompiledStep> steps, String type, RecordView view) {
    for (CompiledStep step : steps) {
      if (step.matches(type, view)) {
        return step;
      }
    }
    return null;
  }

  private static String eventId(List<CompiledSource> sources, RecordView view) {
    String id = CompiledSource.first(sources, view);
    return id != null ? id : view.record().coordinates();
  }

  private static Instant time(List<CompiledSource> sources, RecordView view) {
    Instant time = CompiledSource.firstTime(sources, view);
    return time != null ? time : Instant.ofEpochMilli(view.record().timestamp());
  }
}
