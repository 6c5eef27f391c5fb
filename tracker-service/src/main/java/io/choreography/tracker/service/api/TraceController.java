package io.choreography.tracker.service.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.choreography.tracker.service.api.openapi.ApiAnswers;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/** {@code GET /api/traces/{traceId}}: everything known of one trace, across all topics, in time order. */
@RestController
@RequestMapping("/api/traces")
public class TraceController {

  private final TraceQueries queries;
  private final InstanceQueries instances;
  private final BlockingCalls blocking;

  public TraceController(TraceQueries queries, InstanceQueries instances, BlockingCalls blocking) {
    this.queries = queries;
    this.instances = instances;
    this.blocking = blocking;
  }

  /** The trace id as one path segment, percent-encoded where it holds {@code / \ ; %} or the like. */
  @GetMapping("/{traceId}")
  @Operation(summary = "Everything known of one trace across all topics: events in time order, instances, incidents")
  @ApiResponse(responseCode = "200", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiAnswers.Trace.class)))
  public Mono<Map<String, Object>> trace(@Parameter(description = "trace id, one percent-encoded path segment",
      example = "4bf92f3577b34da6a3ce929d0e0e4736") @PathVariable String traceId) {
    TraceIds.validate(traceId);
    return blocking.call(() -> read(traceId));
  }

  /** The business key values the trace's instances linked (SPEC 3.12): their events belong to the trace too. */
  private static List<String> keyValues(List<JsonNode> instanceDocuments) {
    Set<String> values = new LinkedHashSet<>();
    for (JsonNode instance : instanceDocuments) {
      instance.path("keyValues").forEach(v -> values.add(v.asString()));
    }
    return List.copyOf(values);
  }

  private Map<String, Object> read(String traceId) {
    List<JsonNode> instanceDocuments = instances.instancesOfTrace(traceId);
    List<JsonNode> events = queries.events(traceId, keyValues(instanceDocuments));
    List<Map<String, Object>> instancesOfTrace = instanceDocuments.stream().map(InstanceViews::of).toList();
    List<JsonNode> incidents = instances.incidentsOfTrace(traceId);
    if (events.isEmpty() && instancesOfTrace.isEmpty() && incidents.isEmpty()) {
      throw ApiException.notFound("nothing known for trace id '" + traceId + "'");
    }
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("traceId", traceId);
    answer.put("events", events);
    answer.put("instances", instancesOfTrace);
    answer.put("incidents", incidents);
    answer.put("truncated", events.size() >= TraceQueries.MAX_EVENTS);
    return answer;
  }
}
