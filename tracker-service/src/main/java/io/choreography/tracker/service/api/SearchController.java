package io.choreography.tracker.service.api;

import io.choreography.tracker.service.api.openapi.ApiAnswers;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * {@code GET /api/search?q=}: the traces a value names exactly, as trace id, business key value, Kafka record key or
 * event id; one item per instance, a trace without instance as one item without process. No match is an empty list,
 * not 404.
 */
@RestController
@RequestMapping("/api/search")
public class SearchController {

  /** Longest value searched for: the longest a keyword field of the indices holds. */
  static final int MAX_LENGTH = 1024;

  private final SearchQueries queries;
  private final BlockingCalls blocking;

  public SearchController(SearchQueries queries, BlockingCalls blocking) {
    this.queries = queries;
    this.blocking = blocking;
  }

  @GetMapping
  @Operation(summary = "The traces whose trace id, business key value, Kafka record key or event id equals q")
  @ApiResponse(responseCode = "200", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiAnswers.SearchResult.class)))
  public Mono<Map<String, Object>> search(@Parameter(description = "the value, matched exactly; at most 1024 characters",
      example = "pay-7f3a") @RequestParam(required = false) String q) {
    String value = validated(q);
    return blocking.call(() -> {
      SearchQueries.Result result = queries.search(value);
      List<Map<String, Object>> items = result.items().stream().map(SearchController::view).toList();
      Map<String, Object> answer = new LinkedHashMap<>();
      answer.put("items", items);
      answer.put("truncated", result.truncated());
      return answer;
    });
  }

  private static Map<String, Object> view(SearchQueries.Item item) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("traceId", item.traceId());
    view.put("process", item.process());
    view.put("status", item.status());
    view.put("matchedOn", item.matchedOn());
    return view;
  }

  /** The value as given (exact match: not trimmed); 400 when missing, blank, too long or holding control characters. */
  static String validated(String q) {
    if (q == null || q.isBlank()) {
      throw ApiException.badRequest("q is required: a trace id, business key value, record key or event id");
    }
    if (q.length() > MAX_LENGTH) {
      throw ApiException.badRequest("q must be at most " + MAX_LENGTH + " characters, but has " + q.length());
    }
    for (int i = 0; i < q.length(); i++) {
      if (Character.isISOControl(q.charAt(i))) {
        throw ApiException.badRequest("q must not contain control characters (one at position " + i + ")");
      }
    }
    return q;
  }
}
