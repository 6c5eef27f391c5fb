package io.choreography.tracker.rules.definition;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeMap;

/**
 * The version of a definition: the first 12 hex digits of the SHA-256 of a canonical JSON rendering of what was
 * parsed, not of the file. Comments, formatting, key order and spelling out a default do not change it; any change
 * of meaning does. Source, line numbers and the version itself are left out.
 */
final class DefinitionVersion {

  private static final ObjectMapper JSON = new ObjectMapper();

  private DefinitionVersion() {}

  static String of(ProcessDefinition p) {
    return HexFormat.of().formatHex(sha256(canonical(p))).substring(0, 12);
  }

  /** Field order is fixed here, so the rendering is stable across runs and JVMs. */
  static String canonical(ProcessDefinition p) {
    ObjectNode root = JSON.createObjectNode();
    root.put("id", p.id());
    root.put("name", p.name());
    root.set("correlation", sources(p.correlation()));
    root.set("eventType", sources(p.eventType()));
    root.set("eventTime", sources(p.eventTime()));
    root.set("eventId", sources(p.eventId()));
    root.put("reorderWindow", duration(p.reorderWindow()));
    root.put("deadline", duration(p.deadline()));
    ArrayNode steps = root.putArray("steps");
    for (StepDefinition s : p.steps()) {
      ObjectNode step = steps.addObject();
      step.put("id", s.id());
      step.put("topic", s.topic());
      step.put("type", s.type());
      step.set("where", JSON.valueToTree(new TreeMap<>(s.where())));
      step.put("afterMode", s.after().mode().name());
      step.set("after", JSON.valueToTree(s.after().steps()));
      step.put("within", duration(s.within()));
      step.put("choice", s.choice());
      step.put("end", s.end() == null ? null : s.end().name());
      step.put("optional", s.optional());
      step.put("repeat", s.repeat());
    }
    ArrayNode escalations = root.putArray("escalations");
    for (Escalation e : p.escalations()) {
      escalations.addObject().put("after", duration(e.after())).put("topic", e.topic()).put("type", e.type());
    }
    if (!p.keys().isEmpty()) {
      // only when there are keys, so that the versions of definitions without keys stay what they were
      ObjectNode keys = root.putObject("keys");
      new TreeMap<>(p.keys()).forEach((name, sources) -> keys.set(name, sources(sources)));
    }
    return root.toString();
  }

  private static ArrayNode sources(List<ValueSource> sources) {
    ArrayNode list = JSON.createArrayNode();
    sources.forEach(s -> list.addObject().put(s.kind().name(), s.name()));
    return list;
  }

  private static String duration(Duration d) {
    return d == null ? null : d.toString();
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
