package io.choreography.tracker.service.tracking;

import io.choreography.tracker.model.instances.InstanceDocumentCodec;
import io.choreography.tracker.rules.engine.InstanceDocuments;
import io.choreography.tracker.rules.tracking.InstanceChange;
import java.time.Instant;

/**
 * The value of a {@code tracker.instances} record: the instance's document, whole (see {@link
 * InstanceDocumentCodec}), so that a reader never needs an earlier record and the state writer copies it as it is.
 */
final class InstanceChangeJson {

  private InstanceChangeJson() {}

  static byte[] of(InstanceChange change, long updatedAt) {
    return InstanceDocumentCodec.encode(InstanceDocuments.of(change.state(), change.version(),
        change.openIncidents(), change.stepDurationsMs(), Instant.ofEpochMilli(updatedAt), change.keys()));
  }
}
