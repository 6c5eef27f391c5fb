package io.choreography.tracker.rules.definition;

import java.util.Iterator;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Composes the single YAML document of a definition file into nodes. Nodes, not Java objects, because nodes
 * keep their line: every later problem can say where it is.
 */
final class YamlDocument {

  /** Deepest nesting of maps and lists a definition may have; a real one needs about six. */
  static final int MAX_DEPTH = 50;

  private YamlDocument() {}

  /**
   * The root node, or null after reporting a syntax error, nesting deeper than {@link #MAX_DEPTH}, an empty file or
   * a second document.
   */
  static Node compose(String yaml, Problems problems) {
    // Core schema: YAML 1.2 as people write it (true/True, ~ for null), and no 'yes'/'no' booleans of YAML 1.1.
    LoadSettings settings = LoadSettings.builder().setLabel(problems.source()).setSchema(new CoreSchema()).build();
    try {
      Iterator<Node> documents = new Composer(settings,
          new DepthLimitedParser(new ParserImpl(settings, new StreamReader(settings, yaml)), MAX_DEPTH));
      if (!documents.hasNext()) {
        problems.add(1, "", "the file is empty: expected a process definition with 'id' and 'steps'");
        return null;
      }
      Node root = documents.next();
      if (documents.hasNext()) {
        problems.at(documents.next(), "", "only one process per file: found a second YAML document");
        return null;
      }
      return root;
    } catch (DepthLimitedParser.TooDeepException e) {
      problems.add(e.line(), "", "nesting deeper than " + MAX_DEPTH + " levels");
    } catch (MarkedYamlEngineException e) {
      int line = e.getProblemMark().or(e::getContextMark).map(Mark::getLine).orElse(-1) + 1;
      String context = e.getContext() == null ? "" : " (" + e.getContext() + ")";
      problems.add(line, "", "YAML syntax error: " + e.getProblem() + context);
    } catch (YamlEngineException e) {
      problems.add(0, "", "YAML error: " + e.getMessage());
    }
    return null;
  }
}
