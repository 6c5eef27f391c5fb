package io.choreography.tracker.service.local;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;

/**
 * Where the local Elasticsearch node keeps its files. Normally inside the local directory; but as root the node
 * runs as an unprivileged uid, which cannot reach a directory below, say, a 0700 home directory. Then its files
 * go to a directory of their own under /var/tmp (which also survives restarts), named after the local directory.
 */
final class ElasticsearchPlacement {

  private ElasticsearchPlacement() {}

  static Path baseFor(Path localDir, PrintStream progress) throws IOException {
    if (!LocalElasticsearchNode.isRoot() || reachableByOthers(localDir)) {
      return localDir;
    }
    Path relocated = Path.of("/var/tmp", "choreography-tracker-" + shortHash(localDir.toString()));
    Files.createDirectories(relocated);
    progress.printf("%s is not reachable by the unprivileged user Elasticsearch runs as; its files go to %s%n",
        localDir, relocated);
    return relocated;
  }

  private static boolean reachableByOthers(Path dir) throws IOException {
    for (Path p = dir.getParent(); p != null; p = p.getParent()) {
      Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p);
      if (!perms.contains(PosixFilePermission.OTHERS_EXECUTE)) {
        return false;
      }
    }
    return true;
  }

  private static String shortHash(String s) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 6);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
