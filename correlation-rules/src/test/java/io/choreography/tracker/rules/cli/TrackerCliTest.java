package io.choreography.tracker.rules.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrackerCliTest {

  private static final String VALID = """
      id: orders
      steps:
        - id: placed
          on: { topic: orders, type: OrderPlaced }
        - id: shipped
          on: { topic: shipping, type: GoodsShipped }
          after: [placed]
          end: completed
      """;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @TempDir
  Path dir;

  private int run(String... args) {
    return run(new TrackerCli(), args);
  }

  private int run(TrackerCli cli, String... args) {
    return cli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @BeforeEach
  void clear() {
    out.reset();
    err.reset();
  }

  @Test
  void shouldPrintEachValidProcess() throws IOException {
    // given
    Files.writeString(dir.resolve("orders.yaml"), VALID);

    // when
    int code = run("validate", dir.toString());

    // then
    assertThat(code).isZero();
    assertThat(out()).containsPattern("orders: 2 steps, version [0-9a-f]{12} \\(.*orders.yaml\\)")
        .contains("1 process definition valid in " + dir);
    assertThat(err()).isEmpty();
  }

  @Test
  void shouldPrintEveryProblemAndFail() throws IOException {
    // given
    Files.writeString(dir.resolve("orders.yaml"), VALID.replace("end: completed", "end: done"));
    Files.writeString(dir.resolve("other.yml"), "id: Other\n");

    // when
    int code = run("validate", dir.toString());

    // then
    assertThat(code).isEqualTo(1);
    assertThat(err()).contains(dir.resolve("orders.yaml") + ":8: step 'shipped': invalid end 'done'")
        .contains(dir.resolve("other.yml") + ":1: invalid process id 'Other'")
        .contains(dir.resolve("other.yml") + ":1: missing required key 'steps'")
        .contains("4 problems found in " + dir);
    assertThat(out()).isEmpty();
  }

  @Test
  void shouldReportADeeplyNestedFileAsAProblemOfThatFile() throws IOException {
    // given
    Files.writeString(dir.resolve("deep.yaml"), "id: deep\nsteps: " + "[".repeat(100_000) + "]".repeat(100_000));

    // when
    int code = run("validate", dir.toString());

    // then
    assertThat(code).isEqualTo(1);
    assertThat(err()).containsPattern(java.util.regex.Pattern.quote(dir.resolve("deep.yaml") + ":2: nesting deeper than ")
        + "\\d+ levels").contains("1 problem found in " + dir);
  }

  @Test
  void shouldAcceptAnEmptyDirectory() {
    // given an empty directory

    // when
    int code = run("validate", dir.toString());

    // then
    assertThat(code).isZero();
    assertThat(out()).contains("no process definitions in " + dir);
  }

  @Test
  void shouldFailOnMissingDirectory() {
    // given
    Path missing = dir.resolve("missing");

    // when
    int code = run("validate", missing.toString());

    // then
    assertThat(code).isEqualTo(1);
    assertThat(err()).contains(missing + ": directory does not exist");
  }

  @Test
  void shouldRejectWrongArgumentsAsUsageError() {
    // given no directory

    // when
    int code = run("validate");

    // then
    assertThat(code).isEqualTo(2);
    assertThat(err()).startsWith("usage: tracker validate <dir>");
  }

  @Test
  void shouldRejectUnknownCommandAsUsageError() {
    // given

    // when
    int code = run("valdate", dir.toString());

    // then
    assertThat(code).isEqualTo(2);
    assertThat(err()).contains("unknown command 'valdate'").contains("  validate <dir>");
  }

  @Test
  void shouldSuggestTheClosestCommandForAMisspeltOne() {
    // given

    // when
    int code = run("valdiate", "defs");

    // then
    assertThat(code).isEqualTo(2);
    assertThat(err()).startsWith("unknown command 'valdiate' (did you mean 'validate'?)\n".replace("\n",
        System.lineSeparator())).contains("usage: tracker <command> [args]").contains("  validate <dir>");
    assertThat(out()).isEmpty();
  }

  @Test
  void shouldSuggestNothingForAFarOffCommand() {
    // given

    // when
    int code = run("frobnicate");

    // then
    assertThat(code).isEqualTo(2);
    assertThat(err()).contains("unknown command 'frobnicate'").doesNotContain("did you mean");
  }

  @Test
  void shouldPrintUsageWithoutCommand() {
    // given

    // when
    int code = run();

    // then
    assertThat(code).isEqualTo(2);
    assertThat(err()).startsWith("usage: tracker <command> [args]");
  }

  @Test
  void shouldPrintHelp() {
    // given

    // when
    int code = run("--help");

    // then
    assertThat(code).isZero();
    assertThat(out()).contains("validate <dir>");
  }

  @Test
  void shouldDispatchToAnyRegisteredCommandWithItsArguments() {
    // given
    Command echo = new Command() {
      @Override
      public String name() {
        return "echo";
      }

      @Override
      public String usage() {
        return "echo <words>";
      }

      @Override
      public int run(List<String> args, PrintStream o, PrintStream e) {
        o.print(String.join(" ", args));
        return 7;
      }
    };

    // when
    int code = run(new TrackerCli(List.of(echo)), "echo", "a", "b");

    // then
    assertThat(code).isEqualTo(7);
    assertThat(out()).isEqualTo("a b");
  }
}
