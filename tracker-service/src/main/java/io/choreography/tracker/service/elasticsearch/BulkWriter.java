package io.choreography.tracker.service.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import co.elastic.clients.util.BinaryData;
import co.elastic.clients.util.ContentType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes whole documents in one bulk request. {@link #write} retries documents refused for a transient reason
 * (429, 5xx) until written or {@link RetryPolicy} gives up by throwing; documents refused for good are reported to
 * the caller, which dead-letters them. {@link #attempt} sends once and leaves retrying to the caller.
 */
public final class BulkWriter {

  private final ElasticsearchClient client;
  private final RetryPolicy retry;

  public BulkWriter(ElasticsearchClient client, RetryPolicy retry) {
    this.client = client;
    this.retry = retry;
  }

  public BulkResult write(List<IndexDocument> documents) throws InterruptedException {
    Map<Integer, String> rejected = new HashMap<>();
    List<Integer> pending = new ArrayList<>(documents.size());
    for (int i = 0; i < documents.size(); i++) {
      pending.add(i);
    }
    int attempt = 0;
    while (!pending.isEmpty()) {
      if (attempt > 0) {
        retry.pause(attempt);
      }
      attempt++;
      BulkAttempt outcome;
      try {
        outcome = attempt(documents, pending);
      } catch (IOException | RuntimeException e) {
        retry.failed(e);
        continue;
      }
      rejected.putAll(outcome.rejected());
      if (!outcome.complete()) {
        retry.failed(new IOException(outcome.retry().size() + " documents refused for now (429/5xx)"));
      } else {
        retry.succeeded();
      }
      pending = outcome.retry();
    }
    return rejected.isEmpty() ? BulkResult.ALL_WRITTEN : new BulkResult(rejected);
  }

  /**
   * Sends the documents at the given positions once, without retrying: for callers that keep consuming while
   * Elasticsearch is down and schedule their own retries. Throws when Elasticsearch could not be reached at all.
   */
  public BulkAttempt attempt(List<IndexDocument> documents, List<Integer> positions) throws IOException {
    BulkResponse response = client.bulk(request(documents, positions));
    if (!response.errors()) {
      return new BulkAttempt(positions, List.of(), Map.of());
    }
    List<Integer> written = new ArrayList<>();
    List<Integer> again = new ArrayList<>();
    Map<Integer, String> rejected = new HashMap<>();
    List<BulkResponseItem> items = response.items();
    for (int k = 0; k < items.size(); k++) {
      BulkResponseItem item = items.get(k);
      int position = positions.get(k);
      if (item.error() == null) {
        written.add(position);
      } else if (item.status() == 429 || item.status() >= 500) {
        again.add(position);
      } else {
        rejected.put(position, item.status() + " " + item.error().type() + ": " + item.error().reason());
      }
    }
    return new BulkAttempt(written, again, rejected);
  }

  private static BulkRequest request(List<IndexDocument> documents, List<Integer> positions) {
    List<BulkOperation> operations = new ArrayList<>(positions.size());
    for (int position : positions) {
      IndexDocument d = documents.get(position);
      if (d.isDeletion()) {
        operations.add(BulkOperation.of(op -> op.delete(del -> del.index(d.index()).id(d.id()))));
      } else {
        operations.add(BulkOperation.of(op -> op.index(ix -> ix
            .index(d.index())
            .id(d.id())
            .document(BinaryData.of(d.json(), ContentType.APPLICATION_JSON)))));
      }
    }
    return new BulkRequest.Builder().operations(operations).build();
  }
}
