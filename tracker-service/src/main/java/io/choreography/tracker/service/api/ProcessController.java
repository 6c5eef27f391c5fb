package io.choreography.tracker.service.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.choreography.tracker.service.api.openapi.ApiAnswers;
import io.choreography.tracker.rules.definition.After;
import io.choreography.tracker.rules.definition.ProcessDefinition;
import io.choreography.tracker.rules.definition.ProcessDefinitions;
import io.choreography.tracker.rules.definition.StepDefinition;
import io.choreography.tracker.service.api.analytics.Conformance;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * {@code GET /api/processes} and {@code GET /api/processes/{id}?from=&to=}: the loaded definitions and how they fare;
 * the conformance of one process counts the instances that ended in {@code [from, to)} (default: the last 24 h).
 */
@RestController
@RequestMapping("/api/processes")
public class ProcessController {

  /** The default range of the conformance figures. */
  static final Duration CONFORMANCE_RANGE = Duration.ofHours(24);

  private final ProcessDefinitions definitions;
  private final ProcessStatistics statistics;
  private final BlockingCalls blocking;
  private final Conformance conformance;
  private final InstantSource clock;

  public ProcessController(ProcessDefinitions definitions, ProcessStatistics statistics, BlockingCalls blocking,
      Conformance conformance, InstantSource clock) {
    this.definitions = definitions;
    this.statistics = statistics;
    this.blocking = blocking;
    this.conformance = conformance;
    this.clock = clock;
  }

  @GetMapping
  @Operation(summary = "Every loaded process definition with its instance counts")
  @ApiResponse(responseCode = "200", content = @Content(mediaType = "application/json", array = @ArraySchema(schema = @Schema(implementation = ApiAnswers.ProcessSummary.class))))
  public Mono<List<Map<String, Object>>> processes() {
    return blocking.call(this::all);
  }

  private List<Map<String, Object>> all() {
    Map<String, Map<String, Long>> counts = statistics.countsByProcess();
    List<Map<String, Object>> answer = new ArrayList<>();
    for (ProcessDefinition p : definitions.all()) {
      Map<String, Object> process = new LinkedHashMap<>();
      process.put("id", p.id());
      process.put("name", p.displayName());
      process.put("counts", counts.getOrDefault(p.id(), ProcessStatistics.zeroCounts()));
      answer.add(process);
    }
    return answer;
  }

  @GetMapping("/{id}")
  @Operation(summary = "A process definition with per-step figures: reached, waiting, stuck, duration percentiles;"
      + " the conformance of the instances ended in a time range")
  @ApiResponse(responseCode = "200", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiAnswers.ProcessDetail.class)))
  public Mono<Map<String, Object>> process(
      @Parameter(description = "process id", example = "order-fulfillment") @PathVariable String id,
      @Parameter(description = "conformance of the instances ended from this instant (ISO-8601); default 24 h before `to`")
      @RequestParam(required = false) String from,
      @Parameter(description = "conformance of the instances ended before this instant (ISO-8601); default now")
      @RequestParam(required = false) String to) {
    ProcessDefinition p = definitions.get(Parameters.text("process id", id));
    if (p == null) {
      throw ApiException.notFound("no process '" + id + "' is defined");
    }
    TimeRange range = Parameters.range(from, to, clock.instant(), CONFORMANCE_RANGE);
    return blocking.call(() -> described(p, range));
  }

  private Map<String, Object> described(ProcessDefinition p, TimeRange range) {
    ProcessStatistics.Figures figures = statistics.of(p.id());
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("id", p.id());
    answer.put("name", p.displayName());
    answer.put("version", p.version());
    answer.put("reorderWindow", iso(p.reorderWindow()));
    answer.put("deadline", iso(p.deadline()));
    answer.put("counts", figures.counts());
    List<Map<String, Object>> steps = new ArrayList<>();
    for (StepDefinition s : p.steps()) {
      steps.add(step(s, figures.steps().get(s.id())));
    }
    answer.put("steps", steps);
    answer.put("conformance", conformance(p, conformance.of(p.id(), range.from(), range.to())));
    return answer;
  }

  /** Steps in the definition's order, then any the definition no longer has. */
  private static Map<String, Object> conformance(ProcessDefinition p, Conformance.Figures f) {
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("from", f.from().toString());
    answer.put("to", f.to().toString());
    answer.put("rate", f.rate());
    answer.put("ended", f.ended());
    answer.put("withoutIncident", f.withoutIncident());
    answer.put("deadline", f.deadline());
    Map<String, Object> deviations = new LinkedHashMap<>();
    Map<String, Conformance.StepDeviations> remaining = new LinkedHashMap<>(f.steps());
    for (StepDefinition s : p.steps()) {
      Conformance.StepDeviations d = remaining.remove(s.id());
      if (d != null) {
        deviations.put(s.id(), deviations(d));
      }
    }
    remaining.forEach((step, d) -> deviations.put(step, deviations(d)));
    answer.put("deviations", deviations);
    return answer;
  }

  private static Map<String, Object> deviations(Conformance.StepDeviations d) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("stuck", d.stuck());
    m.put("outOfOrder", d.outOfOrder());
    m.put("unexpected", d.unexpected());
    m.put("failed", d.failed());
    return m;
  }

  private static Map<String, Object> step(StepDefinition s, ProcessStatistics.StepFigures f) {
    Map<String, Object> step = new LinkedHashMap<>();
    step.put("id", s.id());
    Map<String, Object> on = new LinkedHashMap<>();
    on.put("topic", s.topic());
    on.put("type", s.type());
    if (!s.where().isEmpty()) {
      on.put("where", s.where());
    }
    step.put("on", on);
    step.put("after", s.after().steps());
    step.put("afterMode", s.after().mode() == After.Mode.ANY ? "any" : "all");
    step.put("within", iso(s.within()));
    step.put("choice", s.choice());
    step.put("end", s.end() == null ? null : s.end().name().toLowerCase(Locale.ROOT));
    step.put("optional", s.optional());
    step.put("repeat", s.repeat());
    step.put("reached", f == null ? 0 : f.reached());
    step.put("waiting", f == null ? 0 : f.waiting());
    step.put("stuck", f == null ? 0 : f.stuck());
    Map<String, Object> duration = new LinkedHashMap<>();
    duration.put("p50", f == null ? null : f.p50());
    duration.put("p95", f == null ? null : f.p95());
    duration.put("p99", f == null ? null : f.p99());
    step.put("durationMs", duration);
    return step;
  }

  private static String iso(Duration d) {
    return d == null ? null : d.toString();
  }
}
