package io.choreography.tracker.service.elasticsearch;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.apache.http.util.EntityUtils;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Installs the tracker's index templates (explicit mappings; {@code dynamic: strict}, so a document the tracker
 * did not mean to write is refused rather than silently mapped) and creates the instance, incident and drift indices.
 * Idempotent: a template is simply replaced, an existing index kept.
 */
public final class IndexTemplates {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Logger LOG = LoggerFactory.getLogger(IndexTemplates.class);

  private final RestClient client;
  private final IndexNames names;
  private volatile boolean installed;

  public IndexTemplates(RestClient client, IndexNames names) {
    this.client = client;
    this.names = names;
  }

  /** Installs the templates unless this instance already did; throws when Elasticsearch is unreachable. */
  public void ensureInstalled() throws IOException {
    if (installed) {
      return;
    }
    put(names.eventsTemplate(), "events-template.json");
    put(names.instancesIndex(), "instances-template.json");
    put(names.incidentsIndex(), "incidents-template.json");
    put(names.driftIndex(), "drift-template.json");
    // The state and drift indices are single indices: create them now, with their shard active, rather than on the first
    // write, so that a search never meets a shard that is still initializing.
    create(names.instancesIndex());
    create(names.incidentsIndex());
    create(names.driftIndex());
    // an index created by an earlier version keeps its mapping: add what the template has since gained
    // (e.g. stepDurationsMs, which replaced the nested stepDurations)
    putMapping(names.instancesIndex(), "instances-template.json");
    putMapping(names.incidentsIndex(), "incidents-template.json");
    putMapping(names.driftIndex(), "drift-template.json");
    // daily event indices of an earlier version too (e.g. problems, ignore_above on the id fields); an index someone
    // else created under the tracker's names may refuse it, which must not stop the writes to the others
    try {
      putMapping(names.eventsPattern(), "events-template.json");
    } catch (ResponseException e) {
      LOG.warn("the events indices {} keep their mappings: {}", names.eventsPattern(),
          e.getResponse().getStatusLine());
    }
    installed = true;
  }

  private void create(String index) throws IOException {
    Request request = new Request("PUT", "/" + index);
    request.addParameter("wait_for_active_shards", "1");
    try {
      client.performRequest(request);
    } catch (ResponseException e) {
      if (e.getResponse().getStatusLine().getStatusCode() != 400
          || !EntityUtils.toString(e.getResponse().getEntity()).contains("resource_already_exists_exception")) {
        throw e;
      }
    }
  }

  private void putMapping(String index, String resource) throws IOException {
    JsonNode mappings = JSON.readTree(body(resource)).path("template").path("mappings");
    Request request = new Request("PUT", "/" + index + "/_mapping");
    request.addParameter("allow_no_indices", "true");
    request.setJsonEntity(JSON.writeValueAsString(mappings));
    client.performRequest(request);
  }

  private void put(String name, String resource) throws IOException {
    Request request = new Request("PUT", "/_index_template/" + name);
    request.setJsonEntity(load(resource).replace("${prefix}", names.prefix()));
    client.performRequest(request);
  }

  /** The template body with the prefix applied, for tests that compare mappings. */
  public String body(String resource) throws IOException {
    return load(resource).replace("${prefix}", names.prefix());
  }

  private static String load(String resource) throws IOException {
    try (InputStream in = IndexTemplates.class.getResourceAsStream("/elasticsearch/" + resource)) {
      if (in == null) {
        throw new IOException("template resource missing: " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
