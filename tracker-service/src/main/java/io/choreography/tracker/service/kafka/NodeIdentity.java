package io.choreography.tracker.service.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * A stable id of this tracker node, kept in its state directory beside the tracking stores: the transactional ids
 * of its producers are built from it, so a node that restarts after a crash fences (and aborts) the transactions
 * its previous life left open at once, instead of every reader waiting for them to time out. Two nodes never share
 * a state directory (the stores are locked), so two nodes never share an id.
 */
public final class NodeIdentity {

  private NodeIdentity() {}

  public static String of(Path stateDir) {
    Path file = stateDir.resolve("node-id");
    try {
      Files.createDirectories(stateDir);
      if (Files.exists(file)) {
        String id = Files.readString(file, StandardCharsets.US_ASCII).strip();
        if (id.matches("[a-f0-9-]{36}")) {
          return id;
        }
      }
      String id = UUID.randomUUID().toString();
      Files.writeString(file, id, StandardCharsets.US_ASCII);
      return id;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot keep the node id in " + file, e);
    }
  }
}
