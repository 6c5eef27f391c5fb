package io.choreography.tracker.rules.definition;

import io.choreography.tracker.rules.definition.DefinitionException.Problem;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Reads process definitions from YAML (SPEC section 2) and validates them. Every problem of every file is
 * collected and reported at once in a {@link DefinitionException} naming file, line and problem; nothing
 * half-loads.
 */
public final class DefinitionLoader {

  /** Classpath folder of the bundled example definitions. */
  public static final String BUNDLED_EXAMPLES = "io/choreography/tracker/definitions/";

  /** Lists the bundled examples, one file name per line: a classpath folder cannot be listed inside a jar. */
  public static final String BUNDLED_INDEX = BUNDLED_EXAMPLES + "index.txt";

  private DefinitionLoader() {}

  /**
   * Every {@code *.yaml} and {@code *.yml} file directly in {@code dir}, by file name. Hidden files (editor
   * backups and locks such as {@code .#a.yaml}) are skipped. An empty directory gives no definitions.
   */
  public static ProcessDefinitions loadDirectory(Path dir) {
    if (!Files.isDirectory(dir)) {
      String why = Files.exists(dir) ? "not a directory" : "directory does not exist";
      throw new DefinitionException(List.of(new Problem(dir.toString(), 0, why)));
    }
    List<Path> files;
    try (Stream<Path> entries = Files.list(dir)) {
      files = entries.filter(DefinitionLoader::isDefinitionFile).sorted().toList();
    } catch (IOException e) {
      throw new DefinitionException(List.of(new Problem(dir.toString(), 0, "cannot list directory: " + e)));
    }
    Map<String, String> yamlBySource = new LinkedHashMap<>();
    List<Problem> unreadable = new ArrayList<>();
    for (Path file : files) {
      try {
        yamlBySource.put(file.toString(), decode(Files.readAllBytes(file)));
      } catch (CharacterCodingException e) {
        unreadable.add(new Problem(file.toString(), 0, "cannot read file: not valid UTF-8"));
      } catch (IOException e) {
        unreadable.add(new Problem(file.toString(), 0, "cannot read file: " + e.getMessage()));
      }
    }
    return parseAll(yamlBySource, unreadable);
  }

  /** The example definitions bundled with the tracker (order-fulfillment), as listed in {@link #BUNDLED_INDEX}. */
  public static ProcessDefinitions loadBundledExamples() {
    ClassLoader loader = DefinitionLoader.class.getClassLoader();
    Map<String, String> yamlBySource = new LinkedHashMap<>();
    List<Problem> unreadable = new ArrayList<>();
    for (String name : readResource(loader, BUNDLED_INDEX).lines().map(String::trim)
        .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList()) {
      String source = "classpath:" + BUNDLED_EXAMPLES + name;
      try {
        yamlBySource.put(source, readResource(loader, BUNDLED_EXAMPLES + name));
      } catch (IllegalStateException e) {
        unreadable.add(new Problem(source, 0, e.getMessage()));
      }
    }
    return parseAll(yamlBySource, unreadable);
  }

  /**
   * Parses and validates several sources together (ids must be unique across them): source name -> YAML.
   * Sources are taken in the order of their names, as files of a directory are.
   */
  public static ProcessDefinitions parse(Map<String, String> yamlBySource) {
    return parseAll(new TreeMap<>(yamlBySource), List.of());
  }

  /** Parses and validates one source. */
  public static ProcessDefinition parse(String source, String yaml) {
    return parse(Map.of(source, yaml)).all().get(0);
  }

  private static ProcessDefinitions parseAll(Map<String, String> yamlBySource, List<Problem> earlier) {
    List<Problem> problems = new ArrayList<>(earlier);
    List<ProcessDefinition> definitions = new ArrayList<>();
    Map<String, String> whereDefined = new LinkedHashMap<>();
    for (Map.Entry<String, String> source : yamlBySource.entrySet()) {
      Problems fileProblems = new Problems(source.getKey());
      ProcessDraft draft = read(source.getValue(), fileProblems);
      if (draft != null && draft.id() != null) {
        String first = whereDefined.putIfAbsent(draft.id(), source.getKey() + ":" + draft.idLine());
        if (first != null) {
          fileProblems.add(draft.idLine(), "", "duplicate process id '" + draft.id() + "' (also defined in "
              + first + ")");
        }
      }
      if (fileProblems.isEmpty()) {
        definitions.add(draft.toDefinition(source.getKey()));
      }
      problems.addAll(fileProblems.all());
    }
    if (!problems.isEmpty()) {
      throw new DefinitionException(problems);
    }
    return new ProcessDefinitions(definitions);
  }

  private static ProcessDraft read(String yaml, Problems problems) {
    Node root = YamlDocument.compose(yaml, problems);
    if (root == null) {
      return null;
    }
    ProcessDraft draft = new ProcessReader(problems).read(root);
    if (draft != null) {
      ProcessRules.check(draft, problems);
    }
    return draft;
  }

  private static boolean isDefinitionFile(Path p) {
    String name = p.getFileName().toString();
    return !name.startsWith(".") && (name.endsWith(".yaml") || name.endsWith(".yml")) && Files.isRegularFile(p);
  }

  /** Strict UTF-8: a file in another encoding is reported rather than read as mojibake. */
  private static String decode(byte[] bytes) throws CharacterCodingException {
    return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
  }

  private static String readResource(ClassLoader loader, String name) {
    try (InputStream in = loader.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("bundled resource missing: " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read bundled resource " + name + ": " + e.getMessage(), e);
    }
  }
}
