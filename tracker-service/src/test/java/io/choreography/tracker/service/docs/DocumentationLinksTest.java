package io.choreography.tracker.service.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The README and the documents in docs/: every relative link names a file that exists and every {@code #anchor} a
 * heading of its document (as GitHub makes anchors of headings); the README stays short.
 */
class DocumentationLinksTest {

  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final Pattern LINK = Pattern.compile("!?\\[[^\\]]*\\]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");
  private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.*?)\\s*#*\\s*$");
  private static final Pattern INLINE_CODE = Pattern.compile("`[^`]*`");

  /**
   * Documents another branch is writing, linked already: a link to one of them passes while it does not exist. Once
   * it exists, the test fails until it is taken off this list.
   */
  private static final Set<String> WRITTEN_ELSEWHERE = Set.of();

  @Test
  void shouldResolveEveryRelativeLinkOfTheReadmeAndTheDocs() throws IOException {
    // given
    List<Path> documents = documents();

    // when
    List<String> broken = new ArrayList<>();
    for (Path document : documents) {
      for (String target : links(document)) {
        String problem = problem(document, target);
        if (problem != null) {
          broken.add(ROOT.relativize(document) + ": " + target + ": " + problem);
        }
      }
    }

    // then
    assertThat(documents).hasSizeGreaterThan(5);
    assertThat(broken).as("broken links").isEmpty();
  }

  @Test
  void shouldListOnlyDocumentsStillMissingAsWrittenElsewhere() {
    for (String path : WRITTEN_ELSEWHERE) {
      assertThat(ROOT.resolve(path)).as("%s exists now: take it off WRITTEN_ELSEWHERE", path).doesNotExist();
    }
  }

  @Test
  void shouldKeepTheReadmeUnder150Lines() throws IOException {
    assertThat(Files.readAllLines(ROOT.resolve("README.md"))).hasSizeLessThan(150);
  }

  @Test
  void shouldKeepEveryDocumentInDocs() throws IOException {
    // given: markdown files outside docs/ other than the README, test resources and build output
    List<Path> elsewhere;
    try (Stream<Path> files = Files.walk(ROOT)) {
      elsewhere = files.filter(p -> p.toString().endsWith(".md"))
          .map(ROOT::relativize)
          .filter(p -> !p.startsWith("docs") && !p.equals(Path.of("README.md")))
          .filter(p -> Stream.of(p.toString().split("/")).noneMatch(Set.of("target", "node_modules", ".git",
              "resources", ".tracker-local", ".mvn")::contains))
          .toList();
    }

    // then
    assertThat(elsewhere).isEmpty();
  }

  private static List<Path> documents() throws IOException {
    List<Path> documents = new ArrayList<>(List.of(ROOT.resolve("README.md")));
    try (Stream<Path> docs = Files.walk(ROOT.resolve("docs"))) {
      docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(documents::add);
    }
    return documents;
  }

  /** The link targets of a markdown document, outside code blocks and code spans. */
  static List<String> links(Path document) throws IOException {
    List<String> targets = new ArrayList<>();
    boolean inCode = false;
    for (String line : Files.readAllLines(document)) {
      if (line.stripLeading().startsWith("```")) {
        inCode = !inCode;
        continue;
      }
      if (inCode) {
        continue;
      }
      Matcher m = LINK.matcher(INLINE_CODE.matcher(line).replaceAll(""));
      while (m.find()) {
        targets.add(m.group(1));
      }
    }
    return targets;
  }

  /** Why the link does not resolve, or null when it does (or is not relative). */
  private static String problem(Path document, String target) throws IOException {
    if (target.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
      return null; // http:, https:, mailto:
    }
    int hash = target.indexOf('#');
    String file = hash < 0 ? target : target.substring(0, hash);
    String anchor = hash < 0 ? null : target.substring(hash + 1);
    Path resolved = file.isEmpty() ? document : document.getParent().resolve(file).normalize();
    if (!Files.exists(resolved)) {
      return WRITTEN_ELSEWHERE.contains(ROOT.relativize(resolved).toString()) ? null : "no such file";
    }
    if (anchor != null && !anchor.isEmpty() && resolved.toString().endsWith(".md")
        && !anchors(resolved).contains(anchor)) {
      return "no heading for #" + anchor;
    }
    return null;
  }

  /** The anchors GitHub makes of a document's headings. */
  static List<String> anchors(Path document) throws IOException {
    List<String> anchors = new ArrayList<>();
    Map<String, Integer> seen = new HashMap<>();
    boolean inCode = false;
    for (String line : Files.readAllLines(document)) {
      if (line.stripLeading().startsWith("```")) {
        inCode = !inCode;
      }
      Matcher m = HEADING.matcher(line);
      if (!inCode && m.matches()) {
        String slug = slug(m.group(1));
        int n = seen.merge(slug, 1, Integer::sum) - 1;
        anchors.add(n == 0 ? slug : slug + "-" + n);
      }
    }
    return anchors;
  }

  /** GitHub's anchor of a heading: lower case, punctuation dropped, spaces to hyphens. */
  static String slug(String heading) {
    return heading.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
  }
}
