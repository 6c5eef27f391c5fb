package io.choreography.tracker.service.tracking;

import io.choreography.tracker.model.drift.DriftCount;
import io.choreography.tracker.model.drift.DriftCountCodec;
import io.choreography.tracker.model.escalations.Escalation;
import io.choreography.tracker.model.escalations.EscalationCodec;
import io.choreography.tracker.model.incidents.IncidentCodec;
import io.choreography.tracker.model.instances.InstanceDocumentCodec;
import io.choreography.tracker.model.intake.ForwardedEvent;
import io.choreography.tracker.model.intake.ForwardedMatch;
import io.choreography.tracker.model.intake.IntakeRecordCodec;
import io.choreography.tracker.model.intake.KeyLink;
import io.choreography.tracker.model.intake.TaskWatermarkBatch;
import io.choreography.tracker.rules.engine.EscalationCommand;
import io.choreography.tracker.rules.tracking.InstanceChange;
import io.choreography.tracker.rules.tracking.MatchedEvent;
import io.choreography.tracker.rules.tracking.PublishedChange;
import io.choreography.tracker.rules.tracking.TrackerOutput;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * The tracker's results as records of the output topics: instance changes on {@code tracker.instances} (key
 * {@code process/traceId}), incident changes as CloudEvents on {@code tracker.incidents} (key: the incident id),
 * escalations as CloudEvents on the topic their definition names (key: the trace id), drift counts on {@code
 * tracker.drift} (key: process/topic/type/partition); links of business keys and matches routed between tasks on the
 * intake topic (key: the link key or the trace id). Records carry the wall-clock
 * time they were written, as does the instance change's {@code updatedAt}.
 */
final class TopicOutputs implements TrackerOutput {

  private static final byte[] CLOUDEVENTS_JSON = IncidentCodec.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8);
  private static final byte[] DRIFT_JSON = DriftCountCodec.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8);
  private static final byte[] INSTANCE_JSON = InstanceDocumentCodec.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8);

  private static final byte[] INTAKE = IntakeRecordCodec.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8);

  private final ProcessorContext<String, Outgoing> context;
  private final TrackingProperties settings;
  private final String intakeTopic;

  TopicOutputs(ProcessorContext<String, Outgoing> context, TrackingProperties settings, String intakeTopic) {
    this.context = context;
    this.settings = settings;
    this.intakeTopic = intakeTopic;
  }

  /**
   * A match on its way to the owner of an instance or of a link (SPEC 3.12): back to the intake topic, keyed so that
   * it reaches that task, written in this task's transaction. Partition and offset of the business record are not
   * carried (-1): its arrival already is the one the first task took.
   */
  @Override
  public void routed(MatchedEvent e) {
    ForwardedEvent event = new ForwardedEvent(e.topic(), -1, -1, e.arrivedAt(), e.type(), List.of(
        new ForwardedMatch(e.process(), e.step(), e.traceId(), e.eventId(), e.eventTime(), e.keys(), e.lookup())),
        null);
    toIntake(e.routingKey(), IntakeRecordCodec.encode(event));
  }

  /** A link (or its removal) on its way to the task that owns its link key. */
  @Override
  public void linked(KeyLink link) {
    toIntake(link.linkKey(), IntakeRecordCodec.encode(link));
  }

  /**
   * How far the tasks of this stream thread have worked through what they were sent: to every task, after everything
   * they routed so far.
   */
  void taskWatermarks(TaskWatermarkBatch watermark) {
    toIntake(null, new Outgoing(intakeTopic, IntakeRecordCodec.encode(watermark), true));
  }

  private void toIntake(String key, byte[] value) {
    toIntake(key, new Outgoing(intakeTopic, value));
  }

  private void toIntake(String key, Outgoing record) {
    RecordHeaders headers = new RecordHeaders();
    headers.add("content-type", INTAKE);
    context.forward(new Record<>(key, record, context.currentSystemTimeMs(), headers));
  }

  @Override
  public void instanceChanged(InstanceChange change) {
    long now = context.currentSystemTimeMs();
    RecordHeaders headers = new RecordHeaders();
    headers.add("content-type", INSTANCE_JSON);
    context.forward(new Record<>(change.key(),
        new Outgoing(settings.instancesTopic(), InstanceChangeJson.of(change, now)), now, headers));
  }

  @Override
  public void incidentChanged(PublishedChange change, long at) {
    long now = context.currentSystemTimeMs();
    context.forward(new Record<>(change.incident().id(),
        new Outgoing(settings.incidentsTopic(), IncidentCloudEvents.of(change, at)), now, cloudEvent()));
  }

  @Override
  public void escalation(EscalationCommand command, long at) {
    long now = context.currentSystemTimeMs();
    context.forward(new Record<>(command.traceId(),
        new Outgoing(command.topic(), EscalationCodec.encode(new Escalation(command.id(), command.type(),
            command.process(), command.traceId(), command.escalation(), command.dueAt()))), now, cloudEvent()));
  }

  /** A drift count changed: published whole, so that the latest record of its key is the count. */
  void driftChanged(DriftCount count) {
    RecordHeaders headers = new RecordHeaders();
    headers.add("content-type", DRIFT_JSON);
    context.forward(new Record<>(count.key(), new Outgoing(settings.driftTopic(), DriftCountCodec.encode(count)),
        context.currentSystemTimeMs(), headers));
  }

  private static RecordHeaders cloudEvent() {
    RecordHeaders headers = new RecordHeaders();
    headers.add("content-type", CLOUDEVENTS_JSON);
    return headers;
  }
}
