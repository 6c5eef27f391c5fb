package io.choreography.tracker.service.api;

import io.choreography.tracker.service.api.openapi.ApiAnswers;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.choreography.tracker.rules.definition.ProcessDefinition;
import io.choreography.tracker.rules.definition.ProcessDefinitions;
import io.choreography.tracker.service.api.analytics.AnalyticsProperties;
import io.choreography.tracker.service.api.analytics.Drift;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * {@code GET /api/processes/{id}/drift}: event types on the process's traces that no step models, and steps no
 * instance reached within {@code tracker.analytics.drift-period} while instances ran.
 */
@RestController
public class DriftController {

  private final ProcessDefinitions definitions;
  private final Drift drift;
  private final BlockingCalls blocking;
  private final InstantSource clock;
  private final Duration period;

  public DriftController(ProcessDefinitions definitions, Drift drift, BlockingCalls blocking, InstantSource clock,
      AnalyticsProperties analytics) {
    this.definitions = definitions;
    this.drift = drift;
    this.blocking = blocking;
    this.clock = clock;
    this.period = analytics.driftPeriod();
  }

  @GetMapping("/api/processes/{id}/drift")
  @Operation(summary = "Event types on the process's traces that no step models, and steps not reached recently")
  @ApiResponse(responseCode = "200", content = @Content(mediaType = "application/json",
      schema = @Schema(implementation = ApiAnswers.Drift.class)))
  public Mono<Map<String, Object>> drift(
      @Parameter(description = "process id", example = "order-fulfillment") @PathVariable String id) {
    ProcessDefinition p = definitions.get(Parameters.text("process id", id));
    if (p == null) {
      throw ApiException.notFound("no process '" + id + "' is defined");
    }
    return blocking.call(() -> answer(p, drift.of(p, clock.instant(), period)));
  }

  private static Map<String, Object> answer(ProcessDefinition p, Drift.Report report) {
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("process", p.id());
    answer.put("period", report.period().toString());
    answer.put("since", report.since().toString());
    answer.put("instancesUpdated", report.instancesUpdated());
    List<Map<String, Object>> unmodelled = new ArrayList<>();
    for (Drift.Unmodelled u : report.unmodelled()) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("topic", u.topic());
      entry.put("type", u.type());
      entry.put("count", u.count());
      entry.put("firstSeen", u.firstSeen());
      entry.put("lastSeen", u.lastSeen());
      Map<String, Object> example = new LinkedHashMap<>();
      example.put("eventId", u.exampleEventId());
      example.put("traceId", u.exampleTraceId());
      entry.put("example", example);
      entry.put("suggestedStep", u.suggestedStep());
      unmodelled.add(entry);
    }
    answer.put("unmodelled", unmodelled);
    List<Map<String, Object>> unreached = new ArrayList<>();
    for (Drift.Unreached u : report.unreached()) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("step", u.step());
      entry.put("lastReachedAt", u.lastReachedAt());
      unreached.add(entry);
    }
    answer.put("unreached", unreached);
    return answer;
  }
}
