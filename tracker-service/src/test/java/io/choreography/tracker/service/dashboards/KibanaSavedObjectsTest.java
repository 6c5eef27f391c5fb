package io.choreography.tracker.service.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Kibana saved objects in dashboards/kibana reference only fields that the tracker's index templates map,
 * with the right types, every reference between objects resolves, each object says which format version it is
 * written in (as Kibana 8.19 exports it), and the Vega chart follows the dashboard's time range.
 */
class KibanaSavedObjectsTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Path NDJSON = Path.of("..", "dashboards", "kibana", "tracker-dashboards.ndjson");
  private static final Pattern KUERY_FIELD = Pattern.compile("([A-Za-z_][A-Za-z0-9_.]*)\\s*:");

  /** Data view title -> field path -> mapped type. */
  private static final Map<String, Map<String, String>> FIELDS = new HashMap<>();
  private static final Map<String, JsonNode> OBJECTS = new HashMap<>();

  @BeforeAll
  static void load() throws IOException {
    FIELDS.put("tracker-events-*", fields("events-template.json"));
    FIELDS.put("tracker-instances", fields("instances-template.json"));
    FIELDS.put("tracker-incidents", fields("incidents-template.json"));
    FIELDS.put("tracker-drift", fields("drift-template.json"));
    for (String line : Files.readAllLines(NDJSON)) {
      if (!line.isBlank()) {
        JsonNode o = JSON.readTree(line);
        OBJECTS.put(o.path("type").asString() + ":" + o.path("id").asString(), o);
      }
    }
  }

  @Test
  void shouldDefineTheAnalystAndTheOnCallDashboards() {
    assertThat(OBJECTS).containsKeys("dashboard:tracker-analyst", "dashboard:tracker-on-call");
  }

  @Test
  void shouldShowConformanceAndDriftOnTheAnalystDashboard() {
    List<String> panels = OBJECTS.get("dashboard:tracker-analyst").path("references").findValuesAsString("id");
    assertThat(panels).contains("tracker-conformance-by-process", "tracker-deviations-by-step",
        "tracker-drift-unmodelled");
  }

  @Test
  void shouldUseMappedDateFieldsAsTimeFieldsOfTheDataViews() {
    for (JsonNode o : objects("index-pattern")) {
      String title = o.path("attributes").path("title").asString();
      assertThat(FIELDS).as("data view %s matches a template", title).containsKey(title);
      assertThat(FIELDS.get(title).get(o.path("attributes").path("timeFieldName").asString()))
          .as("time field of %s", title).isEqualTo("date");
    }
  }

  @Test
  void shouldReferenceOnlyMappedFieldsInVisualizationsAndSearches() {
    List<String> missing = new ArrayList<>();
    for (JsonNode o : objects("visualization")) {
      JsonNode vis = JSON.readTree(o.path("attributes").path("visState").asString());
      if ("vega".equals(vis.path("type").asString())) {
        checkVega(o, JSON.readTree(vis.path("params").path("spec").asString()), missing);
        continue;
      }
      String view = dataView(o);
      for (JsonNode agg : vis.path("aggs")) {
        if (agg.path("params").has("field")) {
          check(view, agg.path("params").path("field").asString(), o, missing);
        }
      }
      checkQuery(o, view, missing);
    }
    for (JsonNode o : objects("search")) {
      String view = dataView(o);
      o.path("attributes").path("columns").forEach(c -> check(view, c.asString(), o, missing));
      o.path("attributes").path("sort").forEach(s -> check(view, s.get(0).asString(), o, missing));
      checkQuery(o, view, missing);
    }
    assertThat(missing).as("fields referenced by saved objects but not mapped").isEmpty();
  }

  /**
   * The versions of the formats the objects are written in, as Kibana 8.19 exports them. Kibana migrates an object
   * from the version it names; one naming none is taken as older than 7.0 and run through every migration since.
   */
  private static final Map<String, String> TYPE_MIGRATION_VERSIONS = Map.of("index-pattern", "8.0.0",
      "visualization", "8.5.0", "search", "10.5.0", "dashboard", "10.2.0");

  @Test
  void shouldNameTheMigrationVersionsOfEveryObjectAsKibanaExportsThem() {
    for (JsonNode o : OBJECTS.values()) {
      String type = o.path("type").asString();
      assertThat(o.path("coreMigrationVersion").asString()).as("coreMigrationVersion of %s", o.path("id"))
          .isEqualTo("8.8.0");
      assertThat(TYPE_MIGRATION_VERSIONS).as("a known type").containsKey(type);
      assertThat(o.path("typeMigrationVersion").asString()).as("typeMigrationVersion of %s", o.path("id"))
          .isEqualTo(TYPE_MIGRATION_VERSIONS.get(type));
    }
  }

  @Test
  void shouldLimitTheVegaChartsToTheDashboardsTimeRange() {
    List<JsonNode> vega = objects("visualization").stream()
        .filter(o -> "vega".equals(JSON.readTree(o.path("attributes").path("visState").asString()).path("type")
            .asString()))
        .toList();
    assertThat(vega).isNotEmpty();
    for (JsonNode o : vega) {
      JsonNode spec = JSON.readTree(JSON.readTree(o.path("attributes").path("visState").asString())
          .path("params").path("spec").asString());
      JsonNode url = spec.path("data").path("url");
      String view = url.path("index").asString();
      String timeField = OBJECTS.values().stream()
          .filter(v -> v.path("type").asString().equals("index-pattern")
              && v.path("attributes").path("title").asString().equals(view))
          .findFirst().orElseThrow().path("attributes").path("timeFieldName").asString();
      // either Kibana's context (filters and time range) on a date field, or a range query on the time field
      boolean context = url.path("%context%").asBoolean()
          && "date".equals(FIELDS.get(view).get(url.path("%timefield%").asString()));
      boolean range = url.path("body").path("query").path("range").path(timeField).path("%timefilter%").asBoolean();
      assertThat(context || range)
          .as("%s: %%context%% with a %%timefield%%, or a range on %s with %%timefilter%%", o.path("id").asString(),
              timeField).isTrue();
    }
  }

  @Test
  void shouldResolveEveryReference() {
    for (JsonNode o : OBJECTS.values()) {
      for (JsonNode ref : o.path("references")) {
        assertThat(OBJECTS).as("%s references %s", o.path("id").asString(), ref)
            .containsKey(ref.path("type").asString() + ":" + ref.path("id").asString());
      }
    }
  }

  private static void checkVega(JsonNode o, JsonNode spec, List<String> missing) {
    JsonNode url = spec.path("data").path("url");
    String view = url.path("index").asString();
    assertThat(FIELDS).as("vega index of %s", o.path("id").asString()).containsKey(view);
    List<String> fields = new ArrayList<>();
    collectFields(url.path("body"), fields);
    if (url.has("%timefield%")) {
      fields.add(url.path("%timefield%").asString());
    }
    assertThat(fields).isNotEmpty();
    fields.forEach(f -> check(view, f, o, missing));
  }

  private static void collectFields(JsonNode node, List<String> into) {
    if (node.isObject()) {
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        if ((e.getKey().equals("field") || e.getKey().equals("path")) && e.getValue().isString()) {
          into.add(e.getValue().asString());
        } else {
          collectFields(e.getValue(), into);
        }
      }
    } else if (node.isArray()) {
      node.forEach(n -> collectFields(n, into));
    }
  }

  private static void checkQuery(JsonNode o, String view, List<String> missing) {
    JsonNode source = JSON.readTree(o.path("attributes").path("kibanaSavedObjectMeta").path("searchSourceJSON").asString());
    Matcher m = KUERY_FIELD.matcher(source.path("query").path("query").asString());
    while (m.find()) {
      check(view, m.group(1), o, missing);
    }
  }

  private static void check(String view, String field, JsonNode o, List<String> missing) {
    boolean dynamic = FIELDS.get(view).keySet().stream().filter(k -> k.startsWith("path_match:"))
        .map(k -> k.substring("path_match:".length()).replace(".", "\\.").replace("*", "[^.]+"))
        .anyMatch(field::matches);
    if (!FIELDS.get(view).containsKey(field) && !dynamic) {
      missing.add(o.path("id").asString() + " -> " + view + "." + field);
    }
  }

  private static String dataView(JsonNode o) {
    for (JsonNode ref : o.path("references")) {
      if (ref.path("type").asString().equals("index-pattern")) {
        JsonNode view = OBJECTS.get("index-pattern:" + ref.path("id").asString());
        return view.path("attributes").path("title").asString();
      }
    }
    throw new AssertionError(o.path("id").asString() + " has no data view");
  }

  private static List<JsonNode> objects(String type) {
    return OBJECTS.values().stream().filter(o -> o.path("type").asString().equals(type)).toList();
  }

  /** Every field path the template maps (objects and nested included), with its type. */
  private static Map<String, String> fields(String template) throws IOException {
    try (InputStream in = KibanaSavedObjectsTest.class.getResourceAsStream("/elasticsearch/" + template)) {
      Map<String, String> fields = new HashMap<>();
      JsonNode mappings = JSON.readTree(in).path("template").path("mappings");
      walk(mappings.path("properties"), "", fields);
      // fields of dynamic templates, as "path_match:<glob>" (see check)
      for (JsonNode t : mappings.path("dynamic_templates")) {
        for (Map.Entry<String, JsonNode> e : t.properties()) {
          fields.put("path_match:" + e.getValue().path("path_match").asString(),
              e.getValue().path("mapping").path("type").asString());
        }
      }
      return fields;
    }
  }

  private static void walk(JsonNode properties, String prefix, Map<String, String> into) {
    for (Map.Entry<String, JsonNode> e : properties.properties()) {
      String path = prefix + e.getKey();
      into.put(path, e.getValue().path("type").asString("object"));
      if (e.getValue().has("properties")) {
        walk(e.getValue().path("properties"), path + ".", into);
      }
    }
  }
}
