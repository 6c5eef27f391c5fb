package io.choreography.tracker.service.ocel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/** The OCEL 2.0 JSON schema of the test resources (ocel/ocel20-schema.json), formats asserted. */
public final class OcelSchema {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonSchema SCHEMA = load();

  private OcelSchema() {}

  /** The schema's complaints about a log; empty when it validates. */
  public static List<String> errors(byte[] log) {
    try {
      return SCHEMA.validate(JSON.readTree(log)).stream().map(ValidationMessage::getMessage).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonSchema load() {
    try (InputStream in = OcelSchema.class.getResourceAsStream("/ocel/ocel20-schema.json")) {
      JsonNode schema = JSON.readTree(in);
      SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
      return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(schema, config);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
