package io.choreography.tracker.service.tracking;

import io.choreography.tracker.model.Incident;
import io.choreography.tracker.model.IncidentStatus;
import io.choreography.tracker.rules.engine.IncidentChange;
import io.choreography.tracker.service.incidents.IncidentCommand;
import io.choreography.tracker.service.incidents.IncidentJson;
import io.choreography.tracker.service.incidents.IncidentLifecycle;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import tools.jackson.databind.JsonNode;

/**
 * What the engine does not know about its incidents: when each opened, whether and when an operator acknowledged or
 * resolved it. Every incident change the processor publishes passes through here, so that
 * <ul>
 *   <li>{@code openedAt} never changes after the incident opened (the engine's UPDATED carries the clock's time),
 *   <li>an acknowledged incident stays ACKNOWLEDGED, with its {@code acknowledgedAt}, in later changes,
 *   <li>an incident resolved once (by an operator, typically) is not resolved again when the engine resolves it.
 * </ul>
 * The store is changelogged and written in the task's transaction, so a replay after a crash sees exactly the
 * entries its outputs were published with.
 *
 * <p>Keys are {@code <owner>\0<incident id>}, the owner being the instance key ({@code process/traceId}), so that
 * the entries of an instance are one prefix range and leave with it. UNCORRELATED incidents (no instance) are owned
 * by {@code process/\u0001step} and stay: there is one per (process, step).
 */
final class IncidentOverlay {

  static final String STORE = "incident-lifecycle";
  private static final char SEPARATOR = '\0';

  private final KeyValueStore<String, byte[]> store;

  IncidentOverlay(KeyValueStore<String, byte[]> store) {
    this.store = store;
  }

  /** The owner of an incident's entry: its instance key, or a key of its own for an incident without trace id. */
  static String owner(Incident i) {
    return i.traceId() != null ? InstanceKeys.of(i.process(), i.traceId()) : i.process() + "/\u0001" + i.step();
  }

  private static String key(Incident i) {
    return owner(i) + SEPARATOR + i.id();
  }

  /** The change to publish for what the engine reported, or null when it must not be published. */
  PublishedChange engineChange(IncidentChange change) {
    Incident reported = change.incident();
    String key = key(reported);
    Entry known = get(key);
    return switch (change.kind()) {
      case OPENED -> {
        // a new opening, unless the same incident is still open (then its lifecycle so far stays)
        Incident opened = known == null || known.incident().status() == IncidentStatus.RESOLVED ? reported
            : keepLifecycle(reported, known.incident(), known.incident().status(), null);
        put(key, new Entry(opened, false));
        yield new PublishedChange(PublishedChange.Kind.OPENED, opened);
      }
      case UPDATED -> {
        // unknown: raised before this store existed; from now on its openedAt is the one of this change
        Incident updated = known == null ? reported
            : keepLifecycle(reported, known.incident(), known.incident().status(), known.incident().resolvedAt());
        put(key, new Entry(updated, known != null && known.resolvedByOperator()));
        yield new PublishedChange(PublishedChange.Kind.UPDATED, updated);
      }
      case RESOLVED -> {
        if (known != null && known.incident().status() == IncidentStatus.RESOLVED) {
          yield null;
        }
        Incident resolved = known == null ? reported
            : keepLifecycle(reported, known.incident(), IncidentStatus.RESOLVED, reported.resolvedAt());
        put(key, new Entry(resolved, false));
        yield new PublishedChange(PublishedChange.Kind.RESOLVED, resolved);
      }
    };
  }

  /**
   * The change an operator's command makes, or null when it changes nothing (already in that state, or resolved).
   * An incident without an entry is taken as its document showed it to the API.
   */
  PublishedChange command(IncidentCommand command) {
    String key = key(command.asDocumented());
    Entry known = get(key);
    Incident current = known != null ? known.incident() : command.asDocumented();
    Incident after = IncidentLifecycle.apply(command.action(), current, command.requestedAt());
    if (after == current) {
      return null;
    }
    boolean byOperator = command.action() == IncidentCommand.Action.RESOLVE;
    put(key, new Entry(after, byOperator || (known != null && known.resolvedByOperator())));
    return new PublishedChange(byOperator ? PublishedChange.Kind.RESOLVED : PublishedChange.Kind.ACKNOWLEDGED, after);
  }

  /** Whether any entry is owned by this instance key. */
  boolean owns(String owner) {
    try (KeyValueIterator<String, byte[]> it = store.prefixScan(owner + SEPARATOR, new StringSerializer())) {
      return it.hasNext();
    }
  }

  /** Removes the entries of an instance that left the store: from now on their documents are the truth. */
  int expire(String owner) {
    List<String> keys = new ArrayList<>();
    try (KeyValueIterator<String, byte[]> it = store.prefixScan(owner + SEPARATOR, new StringSerializer())) {
      while (it.hasNext()) {
        keys.add(it.next().key);
      }
    }
    keys.forEach(store::delete);
    return keys.size();
  }

  /** The lifecycle fields of {@code known} on the engine's latest view of the incident (message, count). */
  private static Incident keepLifecycle(Incident reported, Incident known, IncidentStatus status,
      Instant resolvedAt) {
    return new Incident(reported.id(), reported.type(), status, reported.process(), reported.traceId(),
        reported.step(), known.openedAt() != null ? known.openedAt() : reported.openedAt(), known.acknowledgedAt(),
        resolvedAt, reported.message(), reported.count());
  }

  /** One entry: the incident as last published, and whether an operator resolved it. */
  record Entry(Incident incident, boolean resolvedByOperator) {}

  private Entry get(String key) {
    byte[] bytes = store.get(key);
    if (bytes == null) {
      return null;
    }
    JsonNode node = TrackerJson.MAPPER.readTree(bytes);
    return new Entry(IncidentJson.fromJson(node.path("incident")), node.path("resolvedByOperator").asBoolean());
  }

  private void put(String key, Entry entry) {
    store.put(key, TrackerJson.MAPPER.writeValueAsBytes(Map.of("incident", IncidentJson.toMap(entry.incident()),
        "resolvedByOperator", entry.resolvedByOperator())));
  }
}
