package io.choreography.tracker.service.alerting;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.Yaml;

/** The example Prometheus alerting rules in dashboards/prometheus, read as Prometheus reads them. */
public final class AlertRuleFile {

  public static final Path PATH = Path.of("..", "dashboards", "prometheus", "tracker-alerts.yml");
  private static final Pattern METRIC = Pattern.compile("\\b(tracker_[a-z_]+)\\b");

  private AlertRuleFile() {}

  @SuppressWarnings("unchecked")
  public static List<Map<String, Object>> rules() throws IOException {
    try (Reader r = Files.newBufferedReader(PATH)) {
      Map<String, Object> root = new Yaml().load(r);
      List<Map<String, Object>> rules = new ArrayList<>();
      for (Map<String, Object> group : (List<Map<String, Object>>) root.get("groups")) {
        rules.addAll((List<Map<String, Object>>) group.get("rules"));
      }
      return rules;
    }
  }

  /** Every metric name the rules' expressions use. */
  public static Set<String> metrics() throws IOException {
    Set<String> names = new LinkedHashSet<>();
    for (Map<String, Object> rule : rules()) {
      Matcher m = METRIC.matcher(String.valueOf(rule.get("expr")));
      while (m.find()) {
        names.add(m.group(1));
      }
    }
    return names;
  }
}
