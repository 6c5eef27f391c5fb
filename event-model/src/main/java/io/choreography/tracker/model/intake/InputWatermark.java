package io.choreography.tracker.model.intake;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How far one forwarder has read its business-topic partitions, published to every partition of the intake topic
 * after the events it covers. A verdict that rests on an absence waits until every live input partition's
 * watermark has passed its deadline (SPEC 3.13).
 *
 * @param member the forwarder's consumer-group member id
 * @param generation the consumer-group generation it read in: a newer generation's claim on a partition wins
 * @param publishedAt the forwarder's wall clock when it published this
 * @param topics every business topic the forwarder subscribes to, with its partition count: the live partitions,
 *     whoever reads them
 * @param partitions the partitions this member reads, each with its watermark (omitted while not known yet)
 */
public record InputWatermark(String member, int generation, long publishedAt, Map<String, Integer> topics,
    List<PartitionWatermark> partitions) implements IntakeRecord {

  public InputWatermark {
    Objects.requireNonNull(member, "member");
    topics = Map.copyOf(topics);
    partitions = List.copyOf(partitions);
  }

  /**
   * One input partition read up to {@code watermark} (epoch ms): every record appended to it before then has been
   * forwarded.
   */
  public record PartitionWatermark(String topic, int partition, long watermark) {

    public PartitionWatermark {
      Objects.requireNonNull(topic, "topic");
    }
  }
}
