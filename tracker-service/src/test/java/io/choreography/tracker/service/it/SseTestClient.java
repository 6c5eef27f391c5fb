package io.choreography.tracker.service.it;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/** A Server-Sent Events client for the tests: every event with the moment it arrived. */
final class SseTestClient implements AutoCloseable {

  /** One SSE event; {@code name} "comment" for a comment line; {@code id} null when it had none. */
  record Received(String name, String data, long arrivedNanos, String id) {}

  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final CompletableFuture<HttpResponse<Stream<String>>> response;
  private final HttpClient http = HttpClient.newHttpClient();
  private volatile int status;

  SseTestClient(String url) {
    this(url, null);
  }

  /** Connects sending this {@code Last-Event-ID} (null: none), as a reconnecting EventSource does. */
  SseTestClient(String url, String lastEventId) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/event-stream");
    if (lastEventId != null) {
      request.header("Last-Event-ID", lastEventId);
    }
    response = http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofLines());
    response.thenAcceptAsync(r -> {
      status = r.statusCode();
      String[] event = {null, null};
      r.body().forEach(line -> {
        long now = System.nanoTime();
        if (line.startsWith(":")) {
          received.add(new Received("comment", line.substring(1), now, null));
        } else if (line.startsWith("id:")) {
          event[1] = line.substring(3).trim();
        } else if (line.startsWith("event:")) {
          event[0] = line.substring(6).trim();
        } else if (line.startsWith("data:")) {
          received.add(new Received(event[0], line.substring(5), now, event[1]));
          event[0] = null;
          event[1] = null;
        }
      });
    });
  }

  int status() {
    return status;
  }

  /** The oldest event of this name not taken yet (others stay), waiting at most the timeout; null when none came. */
  Received next(String name, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      for (Received r : received) {
        if (name.equals(r.name()) && received.remove(r)) {
          return r;
        }
      }
      if (System.nanoTime() > deadline) {
        return null;
      }
      Thread.sleep(2);
    }
  }

  @Override
  public void close() {
    response.cancel(true);
    response.thenAccept(r -> r.body().close());
  }
}
