package io.choreography.tracker.rules.definition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/** The published JSON Schema agrees with the loader: it accepts the bundled examples and rejects invalid documents. */
class DefinitionSchemaTest {

  private static final String SCHEMA = DefinitionLoader.BUNDLED_EXAMPLES + "process-definition.schema.json";
  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode schemaJson() throws IOException {
    try (InputStream in = resource(SCHEMA)) {
      return JSON.readTree(in);
    }
  }

  private static JsonSchema schema() throws IOException {
    return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schemaJson());
  }

  /** YAML read as the loader reads it (YAML 1.2 core schema), then seen as JSON. */
  private static JsonNode yamlAsJson(String yaml) {
    Object value = new Load(LoadSettings.builder().setSchema(new CoreSchema()).build()).loadFromString(yaml);
    return JSON.valueToTree(value);
  }

  private static InputStream resource(String name) {
    return DefinitionSchemaTest.class.getClassLoader().getResourceAsStream(name);
  }

  private static List<String> bundledFiles() throws IOException {
    try (InputStream in = resource(DefinitionLoader.BUNDLED_INDEX)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
          .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
    }
  }

  @Test
  void shouldAcceptTheBundledExamples() throws IOException {
    // given
    JsonSchema schema = schema();
    List<String> files = bundledFiles();

    // when
    List<ValidationMessage> errors = new ArrayList<>();
    for (String file : files) {
      try (InputStream in = resource(DefinitionLoader.BUNDLED_EXAMPLES + file)) {
        errors.addAll(schema.validate(yamlAsJson(new String(in.readAllBytes(), StandardCharsets.UTF_8))));
      }
    }

    // then
    assertThat(files).isNotEmpty();
    assertThat(errors).isEmpty();
  }

  /** Bodies of a step 'x' (after 'id: x') that both the schema and the loader reject. */
  static Stream<String> invalidSteps() {
    String on = "on: { topic: t, type: X }\n";
    String after = "after: [a]\n";
    return Stream.of(
        on + after + "withn: 5m",
        on + after + "within: 5 minutes",
        on + after + "within: 0s",
        on + after + "within: PT0S",
        on + after + "within: P0D",
        on + after + "within: PT0.000S",
        on + after + "within: pt0m",
        on + after + "choice: '  '",
        after + "on: { topic: ' ', type: X }",
        on + after + "end: done",
        on + "after: [Bad_Id]",
        on + "after: { all: [a] }",
        after + "on: { topic: t, type: X, where: { status: x } }",
        after + "on: { topic: t, type: X, where: { /a~2: x } }",
        after + "on: { topic: t, type: X, where: { /a: [x] } }",
        after + "on: { topic: t }",
        on + after + "optional: yes",
        on + after + "optional: true\nwithin: 5m",
        on + after + "repeat: true\nend: failed");
  }

  private static String processWithStepX(String stepBody) {
    return """
        id: p
        steps:
          - id: a
            on: { topic: t, type: A }
          - id: b
            on: { topic: t, type: B }
            after: [a]
            end: completed
          - id: x
        """ + stepBody.lines().map(l -> "    " + l + "\n").collect(Collectors.joining());
  }

  @Test
  void shouldAcceptAStepUsingEveryKey() throws IOException {
    // given
    String yaml = processWithStepX("""
        on: { topic: "t.*", type: X, where: { /s: x, /n: 1, /b: true, /z: null, /a~1b~0c: 2.5 } }
        after: { any: [a, b] }
        within: PT1H30M
        choice: c
        optional: false
        repeat: true""");

    // when
    Set<ValidationMessage> errors = schema().validate(yamlAsJson(yaml));

    // then
    assertThat(errors).isEmpty();
    assertThat(DefinitionLoader.parse("x.yaml", yaml).step("x").repeat()).isTrue();
  }

  @ParameterizedTest
  @MethodSource("invalidSteps")
  void shouldRejectInvalidStepsLikeTheLoader(String stepBody) throws IOException {
    // given
    String yaml = processWithStepX(stepBody);

    // when
    Set<ValidationMessage> errors = schema().validate(yamlAsJson(yaml));

    // then
    assertThat(errors).isNotEmpty();
    assertThatThrownBy(() -> DefinitionLoader.parse("x.yaml", yaml)).isInstanceOf(DefinitionException.class);
  }

  /** Process-level keys that both the schema and the loader reject. */
  static Stream<String> invalidProcessKeys() {
    return Stream.of("deadline: PT0S", "deadline: P0D", "reorderWindow: 0ms", "reorderWindow: PT0H0M",
        "name: '   '", "correlation: [ { header: ' ' } ]");
  }

  @ParameterizedTest
  @MethodSource("invalidProcessKeys")
  void shouldRejectInvalidProcessKeysLikeTheLoader(String line) throws IOException {
    // given
    String yaml = processWithStepX("on: { topic: t, type: X }\nafter: [a]") + line + "\n";

    // when
    Set<ValidationMessage> errors = schema().validate(yamlAsJson(yaml));

    // then
    assertThat(errors).isNotEmpty();
    assertThatThrownBy(() -> DefinitionLoader.parse("x.yaml", yaml)).isInstanceOf(DefinitionException.class);
  }

  /** Positive durations in every form the loader reads pass the schema too. */
  @ParameterizedTest
  @MethodSource("positiveDurations")
  void shouldAcceptPositiveDurationsLikeTheLoader(String duration) throws IOException {
    // given
    String yaml = processWithStepX("on: { topic: t, type: X }\nafter: [a]\nwithin: " + duration);

    // when
    Set<ValidationMessage> errors = schema().validate(yamlAsJson(yaml));

    // then
    assertThat(errors).isEmpty();
    assertThat(DefinitionLoader.parse("x.yaml", yaml).step("x").within()).isPositive();
  }

  static Stream<String> positiveDurations() {
    return Stream.of("250ms", "30s", "05m", "1h", "2d", "PT5M", "P2D", "PT0.5S", "P1DT2H", "PT10S", "pt5m");
  }

  @Test
  void shouldDeclareItsDraftAndBeAValidDraft202012Schema() throws IOException {
    // given
    JsonNode schema = schemaJson();
    JsonSchema metaSchema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
        .getSchema(java.net.URI.create("https://json-schema.org/draft/2020-12/schema"));

    // when
    Set<ValidationMessage> errors = metaSchema.validate(schema);

    // then
    assertThat(schema.path("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
    assertThat(errors).isEmpty();
  }

  @Test
  void shouldRejectADocumentWithoutSteps() throws IOException {
    // given
    JsonNode doc = yamlAsJson("id: p\nname: nothing to track\n");

    // when
    Set<ValidationMessage> errors = schema().validate(doc);

    // then
    assertThat(errors).extracting(ValidationMessage::getMessage).anyMatch(m -> m.contains("steps"));
  }

  @Test
  void shouldDescribeExactlyTheKeysTheLoaderKnows() throws IOException {
    // given
    JsonNode schema = schemaJson();

    // when
    List<String> processKeys = names(schema.get("properties"));
    List<String> stepKeys = names(schema.at("/$defs/step/properties"));
    List<String> onKeys = names(schema.at("/$defs/step/properties/on/properties"));
    List<String> escalationKeys = names(schema.at("/$defs/escalation/properties"));

    // then
    assertThat(processKeys).containsExactlyElementsOf(ProcessReader.PROCESS_KEYS);
    assertThat(stepKeys).containsExactlyElementsOf(StepReader.STEP_KEYS);
    assertThat(onKeys).containsExactlyElementsOf(StepReader.ON_KEYS);
    assertThat(escalationKeys).containsExactlyElementsOf(ProcessReader.ESCALATION_KEYS);
  }

  private static List<String> names(JsonNode object) {
    List<String> names = new ArrayList<>();
    object.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
