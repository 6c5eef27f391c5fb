package io.choreography.tracker.service.indexing;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The writer of instance and incident documents ({@code tracker.indexing.*}).
 *
 * @param enabled false leaves the two indices to another tracker process
 * @param instancesTopic the tracker's topic of whole instance states, one record per change
 * @param incidentsTopic the tracker's topic of incident CloudEvents
 * @param driftTopic the tracker's topic of drift counts
 * @param groupId the consumer group of the writer
 * @param flushInterval how long changes are coalesced before one bulk write
 * @param maxBuffered a bulk is written at once when this many documents are waiting; reading pauses beyond it
 */
@ConfigurationProperties("tracker.indexing")
public record IndexingProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("tracker.instances") String instancesTopic,
    @DefaultValue("tracker.incidents") String incidentsTopic,
    @DefaultValue("tracker.drift") String driftTopic,
    @DefaultValue("tracker-state-indexer") String groupId,
    @DefaultValue("500ms") Duration flushInterval,
    @DefaultValue("20000") int maxBuffered) {

  public IndexingProperties {
    if (flushInterval.isNegative() || flushInterval.isZero()) {
      throw new IllegalArgumentException("tracker.indexing.flush-interval must be positive, but was " + flushInterval);
    }
    if (maxBuffered < 1) {
      throw new IllegalArgumentException("tracker.indexing.max-buffered must be at least 1, but was " + maxBuffered);
    }
  }
}
