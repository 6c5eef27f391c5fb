package io.choreography.tracker.service.redaction;

import io.choreography.tracker.rules.extract.Payload;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Masks the configured fields of a payload before it is indexed (and so before it is streamed: the live stream
 * shows documents as indexed). Extraction has run on the original already, so correlation is unaffected; the
 * original value is never stored. Payloads that are not JSON are left as they are: there is no field to address.
 */
public final class PayloadRedactor {

  private record Rule(Pattern topic, List<JsonPointerMask> masks) {}

  private static final List<JsonPointerMask> NONE = List.of();

  private final List<Rule> rules = new ArrayList<>();
  private final Map<String, List<JsonPointerMask>> byTopic = new ConcurrentHashMap<>();
  private final JsonMapper json;

  public PayloadRedactor(RedactionProperties properties, JsonMapper json) {
    this.json = json;
    for (RedactionProperties.Rule r : properties.rules()) {
      rules.add(new Rule(glob(r.topic()), r.pointers().stream().map(JsonPointerMask::new).toList()));
    }
  }

  /** The payload text to index for a record of this topic: masked where a rule says so. */
  public String redact(String topic, Payload payload) {
    if (payload.kind() != Payload.Kind.JSON || rules.isEmpty()) {
      return payload.text();
    }
    List<JsonPointerMask> masks = byTopic.computeIfAbsent(topic, this::masksOf);
    if (masks.isEmpty()) {
      return payload.text();
    }
    JsonNode root = json.readTree(payload.text());
    boolean masked = false;
    for (JsonPointerMask m : masks) {
      masked |= m.apply(root);
    }
    return masked ? json.writeValueAsString(root) : payload.text();
  }

  private List<JsonPointerMask> masksOf(String topic) {
    List<JsonPointerMask> masks = new ArrayList<>();
    for (Rule r : rules) {
      if (r.topic().matcher(topic).matches()) {
        masks.addAll(r.masks());
      }
    }
    return masks.isEmpty() ? NONE : masks;
  }

  /** A topic glob ({@code *}, {@code ?}; everything else literal) as a regular expression. */
  static Pattern glob(String glob) {
    StringBuilder regex = new StringBuilder();
    StringBuilder literal = new StringBuilder();
    for (char c : glob.toCharArray()) {
      if (c == '*' || c == '?') {
        regex.append(Pattern.quote(literal.toString()));
        literal.setLength(0);
        regex.append(c == '*' ? ".*" : ".");
      } else {
        literal.append(c);
      }
    }
    return Pattern.compile(regex.append(Pattern.quote(literal.toString())).toString());
  }
}
