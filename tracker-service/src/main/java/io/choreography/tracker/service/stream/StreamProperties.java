package io.choreography.tracker.service.stream;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code tracker.stream.*}: the live stream {@code GET /api/stream}.
 *
 * @param instancesTopic the topic of instance changes
 * @param incidentsTopic the topic of incident CloudEvents
 * @param heartbeat how often a comment line keeps idle connections open (and stalled clients are looked for)
 * @param clientQueue events waiting for one client at most; a client that falls this far behind is dropped
 * @param stallTimeout how long a client may take nothing while events wait for it before it is dropped
 * @param maxClients connected clients at most; more get 503
 * @param timeout how long one connection lasts at most (clients reconnect, as EventSource does by itself)
 * @param resumeBuffer how many of the latest items are kept for clients that reconnect with {@code Last-Event-ID}
 *     (about 1.5 kB each); 0 keeps none: a reconnecting client is told it missed some
 */
@ConfigurationProperties("tracker.stream")
public record StreamProperties(
    @DefaultValue("tracker.instances") String instancesTopic,
    @DefaultValue("tracker.incidents") String incidentsTopic,
    @DefaultValue("15s") Duration heartbeat,
    @DefaultValue("10000") int clientQueue,
    @DefaultValue("30s") Duration stallTimeout,
    @DefaultValue("200") int maxClients,
    @DefaultValue("30m") Duration timeout,
    @DefaultValue("10000") int resumeBuffer) {

  public StreamProperties {
    if (resumeBuffer < 0) {
      throw new IllegalArgumentException("tracker.stream.resume-buffer must not be negative, but was " + resumeBuffer);
    }
  }
}
