package io.choreography.tracker.service.alerting;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The alerts of the incidents open now, as the events the Alertmanager sender was handed tell them: what it sends
 * again every resend interval. Only the sender's thread changes it.
 *
 * <p>Memory: one {@link IncidentAlert} per open incident (its id, process, type, step, trace id, message and times:
 * about 650 bytes with a 32-hex trace id and a 100-character message, measured); resolved incidents are dropped.
 * 100,000 open incidents take about 65 MB.
 */
final class OpenAlerts {

  /** @param sent whether an attempt to send this incident's alert was made (so Alertmanager may show it) */
  private record Entry(IncidentAlert alert, boolean sent) {}

  private final Map<String, Entry> open = new ConcurrentHashMap<>();

  /**
   * Takes in the latest change of an incident and says what to send for it now: the change, or null when nothing is
   * to be sent. A stale change (older than the maximum age, e.g. the history a new consumer group reads) of an open
   * incident is not sent now but kept and re-sent with the others; a stale resolution is sent only when this
   * sender may have shown the incident open, so that reading old history never announces old incidents.
   */
  IncidentAlert apply(IncidentAlert change, boolean stale) {
    if (change.resolved()) {
      Entry was = open.remove(change.incidentId());
      return !stale || (was != null && was.sent()) ? change : null;
    }
    Entry was = open.get(change.incidentId());
    open.put(change.incidentId(), new Entry(change, was != null && was.sent()));
    return stale ? null : change;
  }

  /** Notes that these alerts are being sent: Alertmanager may show them from now on. */
  void sending(Collection<IncidentAlert> alerts) {
    for (IncidentAlert a : alerts) {
      open.computeIfPresent(a.incidentId(), (id, e) -> new Entry(e.alert(), true));
    }
  }

  /** Every open incident's alert, to be sent again. */
  List<IncidentAlert> all() {
    List<IncidentAlert> all = new ArrayList<>(open.size());
    open.values().forEach(e -> all.add(e.alert()));
    return all;
  }

  /** Forgets everything: the incidents may be another consumer's to follow now. */
  void clear() {
    open.clear();
  }

  int size() {
    return open.size();
  }
}
