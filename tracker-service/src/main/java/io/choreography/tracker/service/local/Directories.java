package io.choreography.tracker.service.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;

/** File-tree helpers of the local infrastructure. */
public final class Directories {

  private Directories() {}

  public static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  /** chown -R, for handing Elasticsearch's directories to the unprivileged uid it runs as. */
  static void chownRecursively(Path dir, int uid, int gid) throws IOException, InterruptedException {
    Process p = new ProcessBuilder("chown", "-R", uid + ":" + gid, dir.toString())
        .redirectErrorStream(true)
        .start();
    String out = new String(p.getInputStream().readAllBytes());
    if (p.waitFor() != 0) {
      throw new IOException("chown -R " + uid + ":" + gid + " " + dir + " failed: " + out);
    }
  }
}
