package io.choreography.tracker.service.api;

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
  public Mono<Map<String, Object>> instances(
      @RequestParam(required = false) String process,
      @RequestParam(required = false) String status,
      @RequestParam(required = false) String step,
      @RequestParam(required = false) String size,
      @RequestParam(required = false) String cursor) {
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
  public Mono<Map<String, Object>> instance(@PathVariable String process, @PathVariable String traceId) {
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
