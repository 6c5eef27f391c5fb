package io.choreography.tracker.service.bench;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.json.jackson.Jackson3JsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import co.elastic.clients.util.BinaryData;
import co.elastic.clients.util.ContentType;
import io.choreography.tracker.service.elasticsearch.IndexDocument;
import io.choreography.tracker.service.elasticsearch.IndexNames;
import io.choreography.tracker.service.elasticsearch.IndexTemplates;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.http.util.EntityUtils;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the same broker and node do without the tracker: consuming the same records with a bare kafka-clients
 * consumer, and bulk-indexing the same event documents with the elasticsearch-java client.
 */
final class Baselines {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private Baselines() {}

  /** A rate and what it covered. */
  record Rate(long items, double seconds, long bytes) {
    double perSecond() {
      return items / seconds;
    }
  }

  /**
   * Reads every record up to {@code endOffsets} from the beginning with a plain consumer (byte arrays, no
   * processing, the tracker's batch size of 2,000 records per poll) and counts them.
   */
  static Rate rawConsume(String bootstrap, Map<TopicPartition, Long> endOffsets) {
    Map<String, Object> props = new HashMap<>();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
    long records = 0;
    long bytes = 0;
    long target = endOffsets.values().stream().mapToLong(Long::longValue).sum();
    long start = System.nanoTime();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
        new ByteArrayDeserializer())) {
      consumer.assign(endOffsets.keySet());
      consumer.seekToBeginning(endOffsets.keySet());
      while (records < target) {
        ConsumerRecords<byte[], byte[]> batch = consumer.poll(Duration.ofMillis(500));
        for (ConsumerRecord<byte[], byte[]> r : batch) {
          if (r.offset() < endOffsets.get(new TopicPartition(r.topic(), r.partition()))) {
            records++;
            bytes += r.serializedValueSize();
          }
        }
        if (System.nanoTime() - start > 600e9) {
          throw new IllegalStateException("raw consume: " + records + " of " + target + " records after 10 min");
        }
      }
    }
    return new Rate(records, (System.nanoTime() - start) / 1e9, bytes);
  }

  /** Every document of the indices matching {@code pattern}, read with a point in time, in index order. */
  static List<IndexDocument> readAll(RestClient client, String pattern, String fromPrefix, String toPrefix)
      throws IOException {
    Request open = new Request("POST", "/" + pattern + "/_pit");
    open.addParameter("keep_alive", "5m");
    String pit = JSON.readTree(EntityUtils.toByteArray(client.performRequest(open).getEntity()))
        .path("id").asString();
    List<IndexDocument> documents = new ArrayList<>();
    JsonNode after = null;
    while (true) {
      var body = JSON.createObjectNode();
      body.put("size", 10_000);
      body.putObject("pit").put("id", pit).put("keep_alive", "5m");
      body.putArray("sort").addObject().put("_shard_doc", "asc");
      if (after != null) {
        body.set("search_after", after);
      }
      Request search = new Request("POST", "/_search");
      search.setJsonEntity(JSON.writeValueAsString(body));
      JsonNode hits = JSON.readTree(EntityUtils.toByteArray(client.performRequest(search).getEntity()))
          .path("hits").path("hits");
      if (hits.isEmpty()) {
        break;
      }
      for (JsonNode hit : hits) {
        String index = toPrefix + hit.path("_index").asString().substring(fromPrefix.length());
        documents.add(new IndexDocument(index, hit.path("_id").asString(),
            JSON.writeValueAsBytes(hit.path("_source"))));
        after = hit.path("sort");
      }
      if (documents.size() % 200_000 < 10_000) {
        System.out.printf("  read back %,d documents%n", documents.size());
      }
    }
    Request close = new Request("DELETE", "/_pit");
    close.setJsonEntity("{\"id\":\"" + pit + "\"}");
    client.performRequest(close);
    return documents;
  }

  /**
   * Bulk-indexes {@code documents} (under the tracker's index templates for {@code prefix}) with the elasticsearch-
   * java client, {@code batch} documents per request and {@code inFlight} requests at once, then waits until a
   * search counts them all: the time until the same documents are searchable without the tracker.
   */
  static Rate rawBulk(RestClient client, String prefix, List<IndexDocument> documents, int batch, int inFlight)
      throws Exception {
    new IndexTemplates(client, new IndexNames(prefix)).ensureInstalled();
    ElasticsearchClient es = new ElasticsearchClient(new RestClientTransport(client, new Jackson3JsonpMapper()));
    ExecutorService senders = Executors.newFixedThreadPool(inFlight);
    long bytes = documents.stream().mapToLong(d -> d.json().length).sum();
    long start = System.nanoTime();
    try {
      List<Future<?>> sent = new ArrayList<>();
      for (int from = 0; from < documents.size(); from += batch) {
        List<IndexDocument> slice = documents.subList(from, Math.min(documents.size(), from + batch));
        sent.add(senders.submit(() -> {
          List<BulkOperation> operations = new ArrayList<>(slice.size());
          for (IndexDocument d : slice) {
            operations.add(BulkOperation.of(op -> op.index(ix -> ix.index(d.index()).id(d.id())
                .document(BinaryData.of(d.json(), ContentType.APPLICATION_JSON)))));
          }
          BulkResponse response = es.bulk(new BulkRequest.Builder().operations(operations).build());
          if (response.errors()) {
            throw new IllegalStateException("raw bulk: refused " + response.items().stream()
                .filter(i -> i.error() != null).findFirst().orElseThrow().error());
          }
          return null;
        }));
      }
      for (Future<?> f : sent) {
        f.get();
      }
      while (count(client, prefix + "-events-*") < documents.size()) {
        Thread.sleep(50);
      }
    } finally {
      senders.shutdownNow();
    }
    return new Rate(documents.size(), (System.nanoTime() - start) / 1e9, bytes);
  }

  /**
   * A bare connector, what a user of a Kafka-to-Elasticsearch sink would run instead of the tracker: one plain
   * consumer group reads every record up to {@code endOffsets}, parses each value as JSON (as a sink's JSON converter
   * does), bulk-indexes a document per record ({@code batch} per request, one request at a time) and commits the
   * offsets once Elasticsearch acknowledged the request; then waits until a search counts them all. The document of
   * a record is the tracker's own document of it (looked up by the record's coordinates in {@code documents}), so that
   * Elasticsearch does exactly the work of the raw bulk baseline.
   */
  static Rate bareConnector(String bootstrap, Map<TopicPartition, Long> endOffsets, RestClient client, String prefix,
      Map<String, IndexDocument> documents, int batch) throws Exception {
    new IndexTemplates(client, new IndexNames(prefix)).ensureInstalled();
    ElasticsearchClient es = new ElasticsearchClient(new RestClientTransport(client, new Jackson3JsonpMapper()));
    Map<String, Object> props = new HashMap<>();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ConsumerConfig.GROUP_ID_CONFIG, prefix + "-bare-connector");
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, batch);
    long target = endOffsets.values().stream().mapToLong(Long::longValue).sum();
    long records = 0;
    long bytes = 0;
    long start = System.nanoTime();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
        new ByteArrayDeserializer())) {
      consumer.subscribe(endOffsets.keySet().stream().map(TopicPartition::topic).distinct().toList());
      while (records < target) {
        ConsumerRecords<byte[], byte[]> polled = consumer.poll(Duration.ofMillis(500));
        List<BulkOperation> operations = new ArrayList<>(polled.count());
        for (ConsumerRecord<byte[], byte[]> r : polled) {
          if (r.offset() >= endOffsets.get(new TopicPartition(r.topic(), r.partition()))) {
            continue;
          }
          JSON.readTree(r.value());
          IndexDocument d = documents.get(r.topic() + "-" + r.partition() + "-" + r.offset());
          if (d == null) {
            throw new IllegalStateException("bare connector: no document for " + r.topic() + "-" + r.partition()
                + "-" + r.offset());
          }
          operations.add(BulkOperation.of(op -> op.index(ix -> ix.index(d.index()).id(d.id())
              .document(BinaryData.of(d.json(), ContentType.APPLICATION_JSON)))));
          records++;
          bytes += r.serializedValueSize();
        }
        if (!operations.isEmpty()) {
          BulkResponse response = es.bulk(new BulkRequest.Builder().operations(operations).build());
          if (response.errors()) {
            throw new IllegalStateException("bare connector: refused " + response.items().stream()
                .filter(i -> i.error() != null).findFirst().orElseThrow().error());
          }
        }
        consumer.commitSync();
        if (System.nanoTime() - start > 1_800e9) {
          throw new IllegalStateException("bare connector: " + records + " of " + target + " after 30 min");
        }
      }
      while (count(client, prefix + "-events-*") < records) {
        Thread.sleep(50);
      }
    }
    return new Rate(records, (System.nanoTime() - start) / 1e9, bytes);
  }

  static long count(RestClient client, String pattern) throws IOException {
    return count(client, pattern, null);
  }

  /** Documents matching {@code query} (a JSON query, or null for all) that a search sees now. */
  static long count(RestClient client, String pattern, String query) throws IOException {
    Request request = new Request("POST", "/" + pattern + "/_count");
    request.addParameter("ignore_unavailable", "true");
    request.addParameter("allow_no_indices", "true");
    if (query != null) {
      request.setJsonEntity("{\"query\":" + query + "}");
    }
    try {
      return JSON.readTree(EntityUtils.toByteArray(client.performRequest(request).getEntity())).path("count")
          .asLong();
    } catch (org.elasticsearch.client.ResponseException e) {
      if (e.getResponse().getStatusLine().getStatusCode() == 503) {
        return 0; // an index just created, its shard not started yet
      }
      throw e;
    }
  }
}
