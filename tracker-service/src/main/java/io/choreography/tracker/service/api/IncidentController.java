package io.choreography.tracker.service.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.choreography.tracker.service.api.openapi.ApiAnswers;
import io.choreography.tracker.model.Incident;
import io.choreography.tracker.model.IncidentCommand;
import io.choreography.tracker.model.IncidentStatus;
import io.choreography.tracker.model.IncidentType;
import io.choreography.tracker.rules.tracking.IncidentLifecycle;
import io.choreography.tracker.service.incidents.IncidentCommandPublisher;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /api/incidents} (newest opened first, filtered, paged by an opaque cursor) and the operators' {@code
 * POST /api/incidents/{id}/acknowledge|resolve}.
 *
 * <p>An action reads the incident's document (the truth as far as the API knows), answers at once when it changes
 * nothing, and otherwise puts a command with the request's time on the commands topic; once Kafka has it, the
 * answer is the incident as the tracking topology will publish it, with the same times. The topology applies the
 * command to its own lifecycle entry of the incident when it has one (it may know more than the document, which is
 * written a moment later); an incident it has no entry for is taken as the document showed it.
 */
@RestController
@RequestMapping("/api/incidents")
public class IncidentController {

  private final IncidentQueries queries;
  private final IncidentCommandPublisher commands;
  private final BlockingCalls blocking;

  public IncidentController(IncidentQueries queries, IncidentCommandPublisher commands, BlockingCalls blocking) {
    this.queries = queries;
    this.commands = commands;
    this.blocking = blocking;
  }

  @GetMapping
  @Operation(summary = "Incidents, newest openedAt first, filtered and paged")
  @ApiResponse(responseCode = "200", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiAnswers.IncidentPage.class)))
  public Mono<Map<String, Object>> incidents(
      @Parameter(description = "comma-separated statuses: OPEN, ACKNOWLEDGED, RESOLVED", example = "OPEN,ACKNOWLEDGED")
      @RequestParam(required = false) String status,
      @Parameter(description = "comma-separated types: STUCK, DEADLINE, OUT_OF_ORDER, UNEXPECTED, UNCORRELATED, FAILED",
          example = "STUCK") @RequestParam(required = false) String type,
      @Parameter(description = "process id") @RequestParam(required = false) String process,
      @Parameter(description = "items per page, 1..500", schema = @Schema(type = "integer", minimum = "1", maximum = "500",
          defaultValue = "50")) @RequestParam(required = false) String size,
      @Parameter(description = "the next page: the `next` of the page before") @RequestParam(required = false) String cursor) {
    IncidentQueries.Filter filter = new IncidentQueries.Filter(
        Parameters.anyOf("status", status, IncidentStatus.class), Parameters.anyOf("type", type, IncidentType.class),
        Parameters.text("process", process));
    int pageSize = Parameters.size(size);
    PageCursor.Position after = PageCursor.decode(cursor);
    return blocking.call(() -> {
      IncidentQueries.Page page = queries.page(filter, pageSize, after);
      Map<String, Object> answer = new LinkedHashMap<>();
      answer.put("items", page.incidents().stream().map(IncidentViews::of).toList());
      answer.put("next", page.next() == null ? null : PageCursor.encode(page.next()));
      return answer;
    });
  }

  /** Reads the incident and hands Kafka the command: both block, so both run on the pool of blocking calls. */
  @PostMapping("/{id}/acknowledge")
  @Operation(summary = "Acknowledges an incident (operator role); repeating it answers the incident as it is")
  @ApiResponse(responseCode = "200", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiAnswers.Incident.class)))
  @ApiResponse(responseCode = "409", description = "the incident is RESOLVED and cannot be acknowledged any more")
  public Mono<Map<String, Object>> acknowledge(@Parameter(description = "incident id") @PathVariable String id) {
    Parameters.text("id", id);
    return blocking.call(() -> {
      Incident current = find(id);
      if (current.status() == IncidentStatus.RESOLVED) {
        throw new ApiException(HttpStatus.CONFLICT, "incident " + id + " was resolved at " + current.resolvedAt()
            + " and cannot be acknowledged any more");
      }
      return act(IncidentCommand.Action.ACKNOWLEDGE, current);
    });
  }

  @PostMapping("/{id}/resolve")
  @Operation(summary = "Resolves an incident (operator role); repeating it answers the incident as it is")
  @ApiResponse(responseCode = "200", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiAnswers.Incident.class)))
  public Mono<Map<String, Object>> resolve(@Parameter(description = "incident id") @PathVariable String id) {
    Parameters.text("id", id);
    return blocking.call(() -> act(IncidentCommand.Action.RESOLVE, find(id)));
  }

  private Incident find(String id) {
    JsonNode document = id == null ? null : queries.incident(id);
    if (document == null) {
      throw ApiException.notFound("no incident with id '" + id + "'");
    }
    return IncidentViews.incident(document);
  }

  private Map<String, Object> act(IncidentCommand.Action action, Incident current) {
    // milliseconds: the precision of the times the topology publishes
    Instant now = Instant.ofEpochMilli(System.currentTimeMillis());
    Incident after = IncidentLifecycle.apply(action, current, now);
    if (after == current) {
      return IncidentViews.of(current);
    }
    try {
      commands.publish(new IncidentCommand(action, current.id(), now, current));
    } catch (IllegalStateException e) {
      throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "the " + action.name().toLowerCase(java.util.Locale.ROOT)
          + " command could not be handed to Kafka: " + e.getMessage(), e);
    }
    return IncidentViews.of(after);
  }
}
