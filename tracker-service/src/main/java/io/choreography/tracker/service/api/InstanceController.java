package io.choreography.tracker.service.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.choreography.tracker.service.api.openapi.ApiAnswers;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /api/instances} (newest first, filtered, paged by an opaque cursor) and {@code GET
 * /api/instances/{process}/{traceId}}.
 */
@RestController
@RequestMapping("/api/instances")
public class InstanceController {

  private final InstanceQueries queries;
  private final BlockingCalls blocking;

  public InstanceController(InstanceQueries queries, BlockingCalls blocking) {
    this.queries = queries;
    this.blocking = blocking;
  }

  @GetMapping
  @Operation(summary = "Instances, newest first, filtered and paged")
  @ApiResponse(responseCode = "200", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiAnswers.InstancePage.class)))
  public Mono<Map<String, Object>> instances(
      @Parameter(description = "process id") @RequestParam(required = false) String process,
      @Parameter(description = "instance status", schema = @Schema(type = "string",
          allowableValues = {"RUNNING", "STUCK", "COMPLETED", "FAILED"})) @RequestParam(required = false) String status,
      @Parameter(description = "instances waiting for this step") @RequestParam(required = false) String step,
      @Parameter(description = "items per page, 1..500", schema = @Schema(type = "integer", minimum = "1", maximum = "500",
          defaultValue = "50")) @RequestParam(required = false) String size,
      @Parameter(description = "the next page: the `next` of the page before") @RequestParam(required = false) String cursor) {
    InstanceQueries.Filter filter = new InstanceQueries.Filter(Parameters.text("process", process),
        Parameters.status(status), Parameters.text("step", step));
    int pageSize = Parameters.size(size);
    PageCursor.Position after = PageCursor.decode(cursor);
    return blocking.call(() -> {
      InstanceQueries.Page page = queries.page(filter, pageSize, after);
      Map<String, Object> answer = new LinkedHashMap<>();
      answer.put("items", page.instances().stream().map(InstanceViews::of).toList());
      answer.put("next", page.next() == null ? null : PageCursor.encode(page.next()));
      return answer;
    });
  }

  @GetMapping("/{process}/{traceId}")
  @Operation(summary = "One instance with its incidents")
  @ApiResponse(responseCode = "200", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiAnswers.InstanceDetail.class)))
  public Mono<Map<String, Object>> instance(@Parameter(description = "process id") @PathVariable String process,
      @Parameter(description = "trace id, one percent-encoded path segment") @PathVariable String traceId) {
    Parameters.text("process", process);
    TraceIds.validate(traceId);
    return blocking.call(() -> {
      JsonNode instance = queries.instance(process, traceId);
      if (instance == null) {
        throw ApiException.notFound("no instance of process '" + process + "' with trace id '" + traceId + "'");
      }
      List<JsonNode> incidents = queries.incidentsOfInstance(process, traceId);
      return InstanceViews.withIncidents(instance, incidents);
    });
  }
}
