package io.choreography.tracker.service.api;

import io.choreography.tracker.service.api.openapi.ApiAnswers;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.choreography.tracker.rules.definition.ProcessDefinitions;
import io.choreography.tracker.service.ocel.OcelExports;
import io.choreography.tracker.service.ocel.OcelQuery;
import java.time.Duration;
import java.time.InstantSource;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@code GET /api/export/ocel?process=&from=&to=}: the events of {@code [from, to)} (default: the last 24 h) that
 * matched a step of the process (of any process without one) and their instances, as an OCEL 2.0 JSON log, streamed.
 * Elasticsearch is asked for the count before the first byte, so that it being down still answers 503 as JSON.
 */
@RestController
public class OcelExportController {

  static final Duration DEFAULT_RANGE = Duration.ofHours(24);

  private final ProcessDefinitions definitions;
  private final OcelExports exports;
  private final BlockingCalls blocking;
  private final InstantSource clock;

  public OcelExportController(ProcessDefinitions definitions, OcelExports exports, BlockingCalls blocking,
      InstantSource clock) {
    this.definitions = definitions;
    this.exports = exports;
    this.blocking = blocking;
    this.clock = clock;
  }

  @GetMapping("/api/export/ocel")
  @Operation(summary = "The events and instances of a time range as an OCEL 2.0 JSON log, streamed as a download")
  @ApiResponse(responseCode = "200", content = @Content(mediaType = "application/json",
      schema = @Schema(implementation = ApiAnswers.OcelLog.class)))
  public Mono<ResponseEntity<Flux<DataBuffer>>> ocel(
      @Parameter(description = "only this process's events and instances") @RequestParam(required = false) String process,
      @Parameter(description = "events from this instant (ISO-8601); default 24 h before `to`") @RequestParam(required = false) String from,
      @Parameter(description = "events before this instant (ISO-8601); default now") @RequestParam(required = false)
      String to) {
    String p = Parameters.text("process", process);
    if (p != null && definitions.get(p) == null) {
      throw ApiException.notFound("no process '" + p + "' is defined");
    }
    TimeRange range = Parameters.range(from, to, clock.instant(), DEFAULT_RANGE);
    OcelQuery query = new OcelQuery(p, range.from(), range.to());
    if (exports.busy()) {
      throw busy(null);
    }
    return blocking.call(() -> exports.export().count(query))
        .map(count -> ResponseEntity.ok()
            .contentType(MediaType.APPLICATION_JSON)
            .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                .filename("ocel-" + (p == null ? "all" : p) + ".json").build().toString())
            .header("X-Tracker-Events", Long.toString(count))
            .body(exports.body(query, DefaultDataBufferFactory.sharedInstance)
                .onErrorMap(OcelExports.Busy.class, OcelExportController::busy)));
  }

  private static ApiException busy(OcelExports.Busy e) {
    return new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "two OCEL exports are running already; try again later",
        e);
  }
}
