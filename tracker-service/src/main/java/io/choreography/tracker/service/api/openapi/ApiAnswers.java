package io.choreography.tracker.service.api.openapi;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;

/**
 * The shapes of the API's answers (SPEC section 5), for its OpenAPI document only: the controllers build their
 * answers as maps of the documents they read, and OpenApiIT compares real answers with these shapes.
 */
public final class ApiAnswers {

  private ApiAnswers() {}

  @Schema(description = "Instances of a process by status (STUCK: running with an open STUCK or DEADLINE incident)")
  public record Counts(long running, long stuck, long completed, long failed) {}

  @Schema(description = "A loaded process definition and how its instances fare")
  public record ProcessSummary(@Schema(example = "order-fulfillment") String id,
      @Schema(description = "display name", example = "Order fulfillment") String name, Counts counts) {}

  @Schema(description = "Percentiles of a step's duration (from becoming expected to being reached), null while unknown")
  public record DurationPercentiles(Long p50, Long p95, Long p99) {}

  @Schema(description = "The events that reach a step")
  public record StepOn(@Schema(description = "a topic name or a glob") String topic, String type,
      @Schema(description = "JSON Pointer -> the value the payload must hold there") Map<String, Object> where) {}

  @Schema(description = "A step of the definition with its figures")
  public record Step(String id, StepOn on, List<String> after,
      @Schema(allowableValues = {"all", "any"}) String afterMode,
      @Schema(description = "ISO-8601 duration, null when the step has none", example = "PT5M") String within,
      String choice, @Schema(allowableValues = {"completed", "failed"}) String end, boolean optional, boolean repeat,
      @Schema(description = "instances that reached it") long reached,
      @Schema(description = "instances waiting for it") long waiting,
      @Schema(description = "instances stuck there (open STUCK incidents)") long stuck,
      DurationPercentiles durationMs) {}

  @Schema(description = "Deviations of the ended instances at one step")
  public record StepDeviations(long stuck, long outOfOrder, long unexpected, long failed) {}

  @Schema(description = "The share of the instances ended in [from, to) without any incident, and their deviations")
  public record Conformance(@Schema(format = "date-time") String from, @Schema(format = "date-time") String to,
      @Schema(description = "withoutIncident / ended; null when none ended") Double rate, long ended,
      long withoutIncident, @Schema(description = "instances that broke their deadline") long deadline,
      @Schema(description = "step id -> its deviations") Map<String, StepDeviations> deviations) {}

  @Schema(description = "A process definition with per-step figures and its conformance")
  public record ProcessDetail(String id, String name,
      @Schema(description = "digest of the definition: instances keep the version they started with") String version,
      @Schema(example = "PT30S") String reorderWindow, @Schema(example = "P2D") String deadline, Counts counts,
      List<Step> steps, Conformance conformance) {}

  @Schema(description = "An example event of an unmodelled type")
  public record DriftExample(String eventId, String traceId) {}

  @Schema(description = "An event type seen on the process's traces that no step models")
  public record Unmodelled(String topic, String type, long count, @Schema(format = "date-time") String firstSeen,
      @Schema(format = "date-time") String lastSeen, DriftExample example,
      @Schema(description = "a step modelling it, as YAML to paste into the definition") String suggestedStep) {}

  @Schema(description = "A step no instance reached within the drift period")
  public record Unreached(String step, @Schema(format = "date-time") String lastReachedAt) {}

  @Schema(description = "How the process's traces drift from its definition")
  public record Drift(String process, @Schema(example = "P7D") String period, @Schema(format = "date-time") String since,
      long instancesUpdated, List<Unmodelled> unmodelled, List<Unreached> unreached) {}

  @Schema(description = "Whether verdicts that rest on an absence wait for the input to be read")
  public record Verdicts(@Schema(description = "false where this process runs no tracking") boolean tracking,
      double delayedSeconds, long waiting, long inputPartitionsNotReadYet) {}

  @Schema(description = "The tracker's status for the UI")
  public record Status(Verdicts verdicts) {}

  @Schema(description = "An OCEL 2.0 JSON log (streamed): events, objects (the instances), their types")
  public record OcelLog(List<Object> events, List<Object> objects, List<Object> eventTypes,
      List<Object> objectTypes) {}

  @Schema(description = "Events of the process received in one minute")
  public record ThroughputBucket(@Schema(format = "date-time") String at, long events) {}

  @Schema(description = "Events of the process received per minute, oldest first, empty minutes included")
  public record Throughput(String process, int minutes, List<ThroughputBucket> buckets) {}

  @Schema(description = "When a step was reached, and by which event")
  public record ReachedStep(@Schema(format = "date-time") String reachedAt, String eventId) {}

  @Schema(description = "A step the instance waits for: since when, and when it falls due (null: no `within`)")
  public record WaitingFor(String step, @Schema(format = "date-time") String since,
      @Schema(format = "date-time") String due) {}

  @Schema(description = "A process instance: one trace in one process")
  public record Instance(String process, String traceId, String version,
      @Schema(allowableValues = {"RUNNING", "STUCK", "COMPLETED", "FAILED"}) String status,
      @Schema(format = "date-time") String startedAt, @Schema(format = "date-time") String endedAt,
      @Schema(format = "date-time") String updatedAt, Map<String, ReachedStep> steps, List<WaitingFor> waitingFor,
      @Schema(description = "ids of its open incidents") List<String> openIncidents) {}

  @Schema(description = "An instance with its incidents")
  public record InstanceDetail(String process, String traceId, String version, String status,
      @Schema(format = "date-time") String startedAt, @Schema(format = "date-time") String endedAt,
      @Schema(format = "date-time") String updatedAt, Map<String, ReachedStep> steps, List<WaitingFor> waitingFor,
      List<String> openIncidents, List<Incident> incidents) {}

  @Schema(description = "A page of instances, newest first")
  public record InstancePage(List<Instance> items,
      @Schema(description = "the cursor of the next page, null on the last") String next) {}

  @Schema(description = "An incident (SPEC section 4)")
  public record Incident(@Schema(description = "deterministic: the same fact always has the same id") String id,
      @Schema(allowableValues = {"STUCK", "DEADLINE", "OUT_OF_ORDER", "UNEXPECTED", "UNCORRELATED", "FAILED"})
      String type, @Schema(allowableValues = {"OPEN", "ACKNOWLEDGED", "RESOLVED"}) String status, String process,
      @Schema(description = "null for UNCORRELATED") String traceId, String step,
      @Schema(format = "date-time") String openedAt, @Schema(format = "date-time") String acknowledgedAt,
      @Schema(format = "date-time") String resolvedAt,
      @Schema(example = "waiting 12m for payment-received (PaymentReceived on payments); due after 5m") String message,
      @Schema(description = "occurrences folded into it") long count) {}

  @Schema(description = "A page of incidents, newest openedAt first")
  public record IncidentPage(List<Incident> items,
      @Schema(description = "the cursor of the next page, null on the last") String next) {}

  @Schema(description = "One record as read and indexed (redacted); more fields than these may appear",
      additionalProperties = Schema.AdditionalPropertiesValue.TRUE)
  public record TraceEvent(String eventId, String traceId, String type, @Schema(format = "date-time") String time,
      @Schema(format = "date-time") String receivedAt, String topic, int partition, long offset, String key,
      Map<String, String> headers, @Schema(description = "the first process step it matched") String process,
      String step, @Schema(allowableValues = {"JSON", "TEXT", "BINARY", "EMPTY"}) String payloadKind,
      @Schema(description = "the payload: JSON as it was, else text or base64") Object payload,
      @Schema(description = "the business key values it carries, key name -> value; absent: none") Map<String, String> keys,
      @Schema(description = "the same values, as searched") List<String> keyValues,
      @Schema(description = "the CloudEvents causationid: the id of the event that caused this one; absent: none")
      String causationId) {}

  @Schema(description = "Everything known of one trace, in time order")
  public record Trace(String traceId, List<TraceEvent> events, List<Instance> instances, List<Incident> incidents,
      @Schema(description = "true when the trace has more events than one answer carries") boolean truncated) {}

  @Schema(description = "A trace found by a search: one of its instances, or the trace when it has none")
  public record SearchItem(String traceId, @Schema(description = "null for a trace without instance") String process,
      @Schema(allowableValues = {"RUNNING", "STUCK", "COMPLETED", "FAILED"},
          description = "null for a trace without instance") String status,
      @Schema(description = "how it was found, the first that applies of: traceId, key:<keyName>, recordKey, eventId",
          example = "key:paymentId") String matchedOn) {}

  @Schema(description = "The traces a value names exactly, best match first; empty when none")
  public record SearchResult(@Schema(description = "at most 50") List<SearchItem> items,
      @Schema(description = "true when more matched than the items hold") boolean truncated) {}

  @Schema(description = "Settings of the web UI")
  public record UiConfig(@Schema(description = "link from the trace view to a tracing UI, {traceId} replaced; null: none",
      example = "https://jaeger.example.com/trace/{traceId}") String tracingUrlTemplate) {}
}
