package io.choreography.tracker.service.bench;

import io.choreography.tracker.service.elasticsearch.IndexDocument;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.http.entity.ByteArrayEntity;
import org.apache.http.entity.ContentType;
import org.apache.http.util.EntityUtils;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.RestClient;

/**
 * Writes documents to Elasticsearch with {@code _bulk} in batches, two requests in flight (the node has two cores
 * to work with), and fails on the first document Elasticsearch refuses: the data set must be complete.
 */
final class BulkLoader implements AutoCloseable {

  private static final ContentType NDJSON = ContentType.create("application/x-ndjson");

  private final RestClient client;
  private final int batchSize;
  private final ExecutorService senders = Executors.newFixedThreadPool(2);
  private final Semaphore inFlight = new Semaphore(2);
  private final AtomicReference<Exception> failure = new AtomicReference<>();
  private ByteArrayOutputStream batch = new ByteArrayOutputStream(4 << 20);
  private int inBatch;

  BulkLoader(RestClient client, int batchSize) {
    this.client = client;
    this.batchSize = batchSize;
  }

  void add(IndexDocument doc) {
    String action = "{\"index\":{\"_index\":\"" + doc.index() + "\",\"_id\":\"" + doc.id() + "\"}}\n";
    batch.writeBytes(action.getBytes(StandardCharsets.UTF_8));
    batch.writeBytes(doc.json());
    batch.write('\n');
    if (++inBatch >= batchSize) {
      send();
    }
  }

  /** Sends what is left and waits for every request to be answered. */
  void flush() {
    send();
    try {
      inFlight.acquire(2);
      inFlight.release(2);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    rethrow();
  }

  private void send() {
    rethrow();
    if (inBatch == 0) {
      return;
    }
    byte[] body = batch.toByteArray();
    batch = new ByteArrayOutputStream(4 << 20);
    inBatch = 0;
    inFlight.acquireUninterruptibly();
    Future<?> ignored = senders.submit(() -> {
      try {
        post(body);
      } catch (Exception e) {
        failure.compareAndSet(null, e);
      } finally {
        inFlight.release();
      }
    });
  }

  private void post(byte[] body) throws IOException {
    Request request = new Request("POST", "/_bulk");
    request.addParameter("filter_path", "errors,items.*.error");
    request.setEntity(new ByteArrayEntity(body, NDJSON));
    Response response = client.performRequest(request);
    String answer = EntityUtils.toString(response.getEntity());
    if (answer.contains("\"errors\":true")) {
      throw new IOException("Elasticsearch refused documents: "
          + answer.substring(0, Math.min(answer.length(), 2_000)));
    }
  }

  private void rethrow() {
    Exception e = failure.get();
    if (e != null) {
      throw e instanceof IOException io ? new UncheckedIOException(io) : new IllegalStateException(e);
    }
  }

  @Override
  public void close() throws InterruptedException {
    senders.shutdown();
    senders.awaitTermination(1, TimeUnit.MINUTES);
  }
}
