package io.choreography.tracker.service.faults;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Counters of a tracker process as its operator sees them: its /actuator/prometheus page. */
public final class Prometheus {

  private Prometheus() {}

  public static String scrape(int port) throws Exception {
    HttpResponse<String> r = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/prometheus")).build(),
        HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IllegalStateException("/actuator/prometheus answered " + r.statusCode() + ": "
          + r.body().substring(0, Math.min(500, r.body().length())));
    }
    return r.body();
  }

  /** The body of any page of the tracker's port, whatever its status (health answers 503 when down). */
  public static String get(int port, String path) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .build(), HttpResponse.BodyHandlers.ofString()).body();
  }

  /** The sum of every sample of a metric whose line starts with {@code name} and contains {@code labelPart}. */
  public static double sum(String page, String name, String labelPart) {
    double sum = 0;
    for (String line : page.split("\n")) {
      if (line.startsWith(name) && line.contains(labelPart)) {
        sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return sum;
  }
}
