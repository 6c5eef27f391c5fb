package io.choreography.tracker.service.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.choreography.tracker.service.api.openapi.ApiAnswers;
import io.choreography.tracker.rules.definition.ProcessDefinitions;
import io.choreography.tracker.service.elasticsearch.IndexNames;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /api/processes/{id}/throughput?minutes=60} (an extension of SPEC section 5): events of the process
 * received per minute over the last {@code minutes}, oldest first, empty minutes included.
 */
@RestController
public class ThroughputController {

  static final int MAX_MINUTES = 24 * 60;

  private final ProcessDefinitions definitions;
  private final Searches searches;
  private final IndexNames names;
  private final BlockingCalls blocking;

  public ThroughputController(ProcessDefinitions definitions, Searches searches, IndexNames names,
      BlockingCalls blocking) {
    this.definitions = definitions;
    this.searches = searches;
    this.names = names;
    this.blocking = blocking;
  }

  @GetMapping("/api/processes/{id}/throughput")
  @Operation(summary = "Events of the process received per minute over the last minutes, oldest first (extension)")
  @ApiResponse(responseCode = "200", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiAnswers.Throughput.class)))
  public Mono<Map<String, Object>> throughput(
      @Parameter(description = "process id", example = "order-fulfillment") @PathVariable String id,
      @Parameter(description = "how many minutes back, 1..1440", schema = @Schema(type = "integer", minimum = "1",
          maximum = "1440", defaultValue = "60")) @RequestParam(required = false) String minutes) {
    if (definitions.get(Parameters.text("process id", id)) == null) {
      throw ApiException.notFound("no process '" + id + "' is defined");
    }
    int span = Parameters.wholeNumber("minutes", minutes, 1, MAX_MINUTES, 60);
    return blocking.call(() -> perMinute(id, span));
  }

  private Map<String, Object> perMinute(String id, int minutes) {
    Instant to = Instant.now().truncatedTo(ChronoUnit.MINUTES).plus(1, ChronoUnit.MINUTES);
    Instant from = to.minus(minutes, ChronoUnit.MINUTES);
    Map<String, Object> body = Map.of(
        "size", 0,
        "query", Map.of("bool", Map.of("filter", List.of(
            Map.of("term", Map.of("processes", id)),
            Map.of("range", Map.of("receivedAt", Map.of("gte", from.toString(), "lt", to.toString())))))),
        "aggs", Map.of("perMinute", Map.of("date_histogram", Map.of(
            "field", "receivedAt", "fixed_interval", "1m", "min_doc_count", 0,
            "extended_bounds", Map.of("min", from.toEpochMilli(), "max", to.minusMillis(1).toEpochMilli())))));
    JsonNode answer = searches.search(names.eventsPattern(), body);
    Map<Long, Long> counts = new LinkedHashMap<>();
    for (JsonNode b : answer.path("aggregations").path("perMinute").path("buckets")) {
      counts.put(b.path("key").asLong(), b.path("doc_count").asLong());
    }
    List<Map<String, Object>> buckets = new ArrayList<>();
    for (Instant t = from; t.isBefore(to); t = t.plus(1, ChronoUnit.MINUTES)) {
      buckets.add(Map.of("at", t.toString(), "events", counts.getOrDefault(t.toEpochMilli(), 0L)));
    }
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("process", id);
    result.put("minutes", minutes);
    result.put("buckets", buckets);
    return result;
  }
}
