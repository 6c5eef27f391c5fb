package io.choreography.tracker.service.redaction;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code tracker.redaction.*}: payload fields masked before an event is indexed or streamed.
 *
 * @param rules which fields of which topics
 */
@ConfigurationProperties("tracker.redaction")
public record RedactionProperties(@DefaultValue List<Rule> rules) {

  public RedactionProperties {
    for (int i = 0; i < rules.size(); i++) {
      rules.get(i).check(i);
    }
  }

  /**
   * @param topic a topic name, or a glob ({@code *} any run of characters, {@code ?} one character)
   * @param pointers JSON Pointers (RFC 6901) into the payload (for a structured CloudEvent: into its {@code data});
   *     a {@code *} segment stands for every element of an array or every property of an object
   */
  public record Rule(String topic, @DefaultValue List<String> pointers) {

    void check(int index) {
      String property = "tracker.redaction.rules[" + index + "]";
      if (topic == null || topic.isBlank()) {
        throw new IllegalArgumentException(property + ".topic must name a topic or a glob");
      }
      for (String p : pointers) {
        if (p == null || !p.startsWith("/")) {
          throw new IllegalArgumentException(property + ".pointers: '" + p + "' is not a JSON Pointer (starts with /)");
        }
      }
    }
  }
}
