package io.choreography.tracker.service.bench;

import io.choreography.tracker.rules.definition.DefinitionLoader;
import io.choreography.tracker.rules.extract.RecordExtractor;
import io.choreography.tracker.service.elasticsearch.IndexDocument;
import io.choreography.tracker.service.elasticsearch.IndexNames;
import io.choreography.tracker.service.elasticsearch.IndexTemplates;
import io.choreography.tracker.service.indexing.IncidentDocuments;
import io.choreography.tracker.service.indexing.InstanceDocuments;
import io.choreography.tracker.service.ingest.EventDocumentMapper;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import org.apache.http.util.EntityUtils;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RestClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * The benchmarks' data set in Elasticsearch: {@link OrderHistories} made with the tracker's own extractor and
 * document mappers (bundled definitions, 1 MiB payload limit), bulk-loaded under the tracker's own index templates,
 * each document under the index and id the tracker gives it (daily event indices of the record timestamps, event ids
 * {@code topic-partition-offset}), then refreshed. Loading goes straight to {@code _bulk}, not through Kafka and the
 * tracker's indexer: the benchmarks using it measure reads.
 */
final class OrderDataSet {

  private static final int BATCH = 5_000;
  private static final long PROGRESS_NANOS = 10_000_000_000L;

  /** What was loaded: documents by kind, seconds, average event document and payload sizes. */
  record Loaded(long events, long instances, long incidents, double seconds, long eventDocumentBytes,
      long payloadBytes, String middleTraceId) {

    long documents() {
      return events + instances + incidents;
    }
  }

  private OrderDataSet() {}

  /** The orders of the data set, as the tracker's own mappers turn them into documents of {@code names}' indices. */
  static OrderHistories histories(IndexNames names, Instant now, int orders, Duration window) {
    JsonMapper json = JsonMapper.builder().build();
    RecordExtractor extractor = new RecordExtractor(DefinitionLoader.loadBundledExamples());
    InstanceDocuments instances = new InstanceDocuments(names.instancesIndex());
    IncidentDocuments incidents = new IncidentDocuments(names.incidentsIndex());
    return new OrderHistories(extractor, new EventDocumentMapper(names, 1_048_576), instances::map, incidents::map,
        json, now, orders, window);
  }

  /**
   * Installs the templates and loads orders 0 .. {@code orders - 1} (their events, instances and incidents), printing
   * progress about every 10 s; refreshes the indices at the end.
   */
  static Loaded load(RestClient client, IndexNames names, Instant now, int orders, Duration window)
      throws Exception {
    return load(client, names, now, orders, window, (n, order) -> order);
  }

  /** What to load of order {@code n}: its documents as made, or changed (e.g. with fields the mappers do not write). */
  interface Decorator {
    OrderHistories.Order decorate(int n, OrderHistories.Order order);
  }

  /** The same, each order's documents as {@code decorator} makes them. */
  static Loaded load(RestClient client, IndexNames names, Instant now, int orders, Duration window,
      Decorator decorator) throws Exception {
    new IndexTemplates(client, names).ensureInstalled();
    OrderHistories histories = histories(names, now, orders, window);
    System.out.printf("loading %,d orders (%,d events, their instances and incidents) by _bulk into indices %s-* ...%n",
        orders, (long) orders * OrderHistories.EVENTS_PER_ORDER, names.prefix());
    long start = System.nanoTime();
    long lastReport = start;
    long lastDocuments = 0;
    long events = 0;
    long incidents = 0;
    long eventBytes = 0;
    String middle = null;
    try (BulkLoader bulk = new BulkLoader(client, BATCH)) {
      for (int n = 0; n < orders; n++) {
        OrderHistories.Order order = decorator.decorate(n, histories.order(n));
        for (IndexDocument doc : order.events()) {
          bulk.add(doc);
          eventBytes += doc.json().length;
        }
        events += order.events().size();
        bulk.add(order.instance());
        order.incidents().forEach(bulk::add);
        incidents += order.incidents().size();
        if (n == orders / 2) {
          middle = order.traceId();
        }
        long t = System.nanoTime();
        if (t - lastReport >= PROGRESS_NANOS) {
          long documents = events + n + 1 + incidents;
          double interval = (t - lastReport) / 1e9;
          System.out.printf("  %,d events, %,d documents sent in %.0f s: %,.0f docs/s in the last %.0f s, %,.0f on "
              + "average%n", events, documents, (t - start) / 1e9, (documents - lastDocuments) / interval, interval,
              documents / ((t - start) / 1e9));
          lastReport = t;
          lastDocuments = documents;
        }
      }
      bulk.flush();
    }
    client.performRequest(new Request("POST", "/" + names.prefix() + "-*/_refresh"));
    double seconds = (System.nanoTime() - start) / 1e9;
    Loaded loaded = new Loaded(events, orders, incidents, seconds, eventBytes / Math.max(1, events),
        histories.averagePayloadBytes(), middle);
    System.out.printf("loaded %,d documents (%,d events) in %.0f s, %,.0f docs/s; event documents average %d bytes, "
        + "their payloads %d bytes%n", loaded.documents(), events, seconds, loaded.documents() / seconds,
        loaded.eventDocumentBytes(), loaded.payloadBytes());
    return loaded;
  }

  /** The number of documents in {@code index} (a name or pattern), by {@code _count}. */
  static long count(RestClient client, String index) throws IOException {
    String answer = EntityUtils.toString(client.performRequest(
        new Request("GET", "/" + index + "/_count")).getEntity());
    return Long.parseLong(answer.replaceAll("(?s).*\"count\":(\\d+).*", "$1"));
  }
}
