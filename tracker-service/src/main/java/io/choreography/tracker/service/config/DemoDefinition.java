package io.choreography.tracker.service.config;

import io.choreography.tracker.rules.definition.DefinitionLoader;
import io.choreography.tracker.rules.definition.ProcessDefinitions;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The order-fulfillment definition the demo runs with (unless {@code tracker.definitions} names others): the
 * bundled example's steps with a demo's timings, so that every kind of incident and an escalation show within
 * about a minute. The bundled example stays a realistic template.
 */
public final class DemoDefinition {

  public static final String RESOURCE = "io/choreography/tracker/service/demo/order-fulfillment.yaml";

  private DemoDefinition() {}

  public static ProcessDefinitions load() {
    return DefinitionLoader.parse(Map.of("classpath:" + RESOURCE, yaml()));
  }

  public static String yaml() {
    try (InputStream in = DemoDefinition.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("the demo's definition " + RESOURCE + " is missing from the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
