package io.choreography.tracker.service.it;

import io.choreography.tracker.rules.definition.DefinitionLoader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Definition directories for tests. */
public final class TestDefinitions {

  private TestDefinitions() {}

  /** The bundled order-fulfillment definition with every topic prefixed; returns its directory. */
  public static String orderFulfillment(String topicPrefix) {
    try {
      String yaml;
      try (InputStream in = DefinitionLoader.class.getResourceAsStream(
          "/" + DefinitionLoader.BUNDLED_EXAMPLES + "order-fulfillment.yaml")) {
        yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      for (String topic : List.of("orders", "payments", "inventory", "shipping", "customer-notifications")) {
        yaml = yaml.replace("topic: " + topic + ",", "topic: " + topicPrefix + topic + ",");
      }
      return write("order-fulfillment.yaml", yaml);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A directory holding one definition file with this content. */
  public static String write(String fileName, String yaml) {
    try {
      Path dir = Files.createTempDirectory("definitions");
      Files.writeString(dir.resolve(fileName), yaml);
      return dir.toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
