package io.choreography.tracker.service.api;

import io.choreography.tracker.service.api.openapi.ApiAnswers;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.choreography.tracker.service.tracking.VerdictLag;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * {@code GET /api/status} (an extension of SPEC section 5): how far this tracker's verdicts are held back because its
 * input is not read that far yet (SPEC 3.13), for the UI's banner. Answered from memory, never from Elasticsearch.
 */
@RestController
public class StatusController {

  private final ObjectProvider<VerdictLag> verdictLag;

  public StatusController(ObjectProvider<VerdictLag> verdictLag) {
    this.verdictLag = verdictLag;
  }

  @GetMapping("/api/status")
  @Operation(summary = "The tracker's status for the UI: whether verdicts wait for the input (extension)")
  @ApiResponse(responseCode = "200", content = @Content(mediaType = "application/json",
      schema = @Schema(implementation = ApiAnswers.Status.class)))
  public Mono<Map<String, Object>> status() {
    Map<String, Object> verdicts = new LinkedHashMap<>();
    VerdictLag lag = verdictLag.getIfAvailable();
    verdicts.put("tracking", lag != null);
    verdicts.put("delayedSeconds", lag == null ? 0 : lag.heldForMillis() / 1000.0);
    verdicts.put("waiting", lag == null ? 0 : lag.waiting());
    verdicts.put("inputPartitionsNotReadYet", lag == null ? 0 : lag.unknownPartitions());
    return Mono.just(Map.of("verdicts", verdicts));
  }
}
