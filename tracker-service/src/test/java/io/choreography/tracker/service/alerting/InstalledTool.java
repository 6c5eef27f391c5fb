package io.choreography.tracker.service.alerting;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A command-line tool of the machine (e.g. Debian's promtool or amtool, installed by .ci/run), run in a directory with
 * its output captured. Tests that use one are skipped where it is not installed.
 */
record InstalledTool(Path binary) {

  /** What a run printed (stdout and stderr together) and its exit status. */
  record Result(int exitCode, String output) {}

  boolean installed() {
    return Files.isExecutable(binary);
  }

  Result run(Path workingDirectory, String... arguments) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(binary.toString());
    command.addAll(List.of(arguments));
    Process p = new ProcessBuilder(command).directory(workingDirectory.toFile()).redirectErrorStream(true).start();
    p.getOutputStream().close();
    byte[] output = p.getInputStream().readAllBytes();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException(binary + " did not end within 60 s");
    }
    return new Result(p.exitValue(), new String(output, StandardCharsets.UTF_8));
  }
}
