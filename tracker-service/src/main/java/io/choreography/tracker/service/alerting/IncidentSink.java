package io.choreography.tracker.service.alerting;

import java.util.concurrent.CompletableFuture;

/**
 * Where {@link IncidentFanOut} hands the incident events its consumer reads: a webhook, Alertmanager. Each sink
 * delivers on its own thread; the consumer commits its offsets once every future it was handed completed.
 */
interface IncidentSink {

  /** Whether this sink is handed events of this type. */
  boolean wants(IncidentEvent event);

  /** Queues the event; the future completes once it was delivered or given up. */
  CompletableFuture<Void> submit(IncidentEvent event);

  /**
   * The consumer's partitions were taken away (a rebalance): what the sink remembers of the events it was handed may
   * belong to another consumer now, which will hand it to its own sinks.
   */
  default void partitionsRevoked() {}

  void start();

  void stop();
}
