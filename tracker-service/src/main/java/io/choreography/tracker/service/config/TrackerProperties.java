package io.choreography.tracker.service.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Every {@code tracker.*} property (SPEC section 6, plus documented extensions). Validated at start-up: a bad
 * value fails fast with the property name and the value.
 *
 * @param topics regex of the business-event topics; default every topic but {@code tracker.*}, {@code
 *     tracker-*} (the tracker's own internal topics) and those starting with an underscore
 * @param definitions directory of process definitions; empty means the bundled examples
 * @param unmatched {@code index} or {@code ignore} events that match no step
 * @param local start a local Kafka broker and Elasticsearch node
 * @param demo run the simulated services of the order-fulfillment demo
 */
@ConfigurationProperties("tracker")
public record TrackerProperties(
    @DefaultValue(DEFAULT_TOPICS) String topics,
    String definitions,
    @DefaultValue("index") Unmatched unmatched,
    @DefaultValue("false") boolean local,
    @DefaultValue("false") boolean demo,
    @DefaultValue Elasticsearch elasticsearch,
    @DefaultValue Ingest ingest,
    @DefaultValue Local localMode,
    @DefaultValue Demo demoMode) {

  public static final String DEFAULT_TOPICS = "^(?!tracker[.-]|_).*";

  public TrackerProperties {
    try {
      Pattern.compile(topics);
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException("tracker.topics is not a valid regex: '" + topics + "': " + e.getDescription());
    }
  }

  public Pattern topicPattern() {
    return Pattern.compile(topics);
  }

  public enum Unmatched {
    INDEX,
    IGNORE
  }

  /**
   * @param uris Elasticsearch 8.x or 9.x
   * @param indexPrefix prefix of every index the tracker writes
   */
  public record Elasticsearch(
      @DefaultValue("http://localhost:9200") List<String> uris,
      @DefaultValue("tracker") String indexPrefix,
      String username,
      String password,
      @DefaultValue("30d") Duration dailyIndexPast,
      @DefaultValue("1d") Duration dailyIndexFuture) {

    public Elasticsearch {
      if (!indexPrefix.matches("[a-z0-9][a-z0-9_.-]{0,100}")) {
        throw new IllegalArgumentException("tracker.elasticsearch.index-prefix must be lower case letters, digits, "
            + "'-', '_' or '.', starting with a letter or digit, but was '" + indexPrefix + "'");
      }
    }
  }

  /**
   * The one reader of the business topics (the forwarder) and the writer of their event documents.
   *
   * @param groupId the consumer group that reads the business topics
   * @param maxBatch records per poll and per bulk request at most
   * @param maxPayloadBytes larger payloads are indexed truncated, as text
   * @param topicRefresh how soon a newly created topic is picked up
   * @param deadLetterTopic where records that cannot be indexed go
   * @param intakeTopic the tracker's topic between the forwarder and its readers (the event indexer, the tracking
   *     topology): each business record once, keyed by trace id, with its document
   * @param indexerGroupId the consumer group that writes the intake topic's event documents to Elasticsearch
   * @param watermarkInterval how often the forwarder tells the topology how far it has read the business topics
   * @param timestampGrace how much later than its timestamp a record may reach the broker (a producer's linger,
   *     batching and retries): a verdict waits that much longer
   */
  public record Ingest(
      @DefaultValue("tracker-indexer") String groupId,
      @DefaultValue("2000") int maxBatch,
      @DefaultValue("1048576") int maxPayloadBytes,
      @DefaultValue("5s") Duration topicRefresh,
      @DefaultValue("tracker.dead-letter") String deadLetterTopic,
      @DefaultValue("tracker.events") String intakeTopic,
      @DefaultValue("tracker-event-indexer") String indexerGroupId,
      @DefaultValue("200ms") Duration watermarkInterval,
      @DefaultValue("500ms") Duration timestampGrace) {

    public Ingest {
      if (maxBatch < 1) {
        throw new IllegalArgumentException("tracker.ingest.max-batch must be at least 1, but was " + maxBatch);
      }
      if (watermarkInterval.toMillis() < 10) {
        throw new IllegalArgumentException(
            "tracker.ingest.watermark-interval must be at least 10ms, but was " + watermarkInterval);
      }
      if (timestampGrace.isNegative()) {
        throw new IllegalArgumentException("tracker.ingest.timestamp-grace must not be negative, but was "
            + timestampGrace);
      }
    }
  }

  /**
   * Local mode ({@code tracker.local=true}).
   *
   * @param dir where the broker's log, the Elasticsearch node's data and the unpacked distribution live
   * @param elasticsearchHeapMb heap of the local Elasticsearch node
   */
  public record Local(
      @DefaultValue(".tracker-local") Path dir,
      @DefaultValue("512") int elasticsearchHeapMb) {}

  /**
   * The simulated services ({@code tracker.demo=true}).
   *
   * @param ordersPerSecond new orders per second
   * @param maxOrders stop after this many orders (0 = run until stopped)
   */
  public record Demo(
      @DefaultValue("2") double ordersPerSecond,
      @DefaultValue("0") long maxOrders) {}
}
