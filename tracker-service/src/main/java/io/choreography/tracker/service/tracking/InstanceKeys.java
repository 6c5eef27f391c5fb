package io.choreography.tracker.service.tracking;

/** Keys of the instance store and of {@code tracker.instances}: {@code "<process>/<traceId>"}. */
public final class InstanceKeys {

  private InstanceKeys() {}

  public static String of(String process, String traceId) {
    // process ids cannot contain '/', so the first '/' separates them
    return process + "/" + traceId;
  }
}
