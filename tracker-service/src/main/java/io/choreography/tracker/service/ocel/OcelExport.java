package io.choreography.tracker.service.ocel;

import io.choreography.tracker.service.elasticsearch.IndexNames;
import java.io.OutputStream;
import java.util.List;
import org.elasticsearch.client.RestClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Streams the events and instances of a time range as an OCEL 2.0 JSON log: the events from a point-in-time scan,
 * then the objects of each {@link ObjectKind}, then the types. Memory stays bounded by one page of events or objects
 * and the declared types, whatever the number of events.
 */
public final class OcelExport {

  /** Events per page of the scan. */
  static final int PAGE = 1_000;

  private final ElasticsearchReads es;
  private final IndexNames names;
  private final List<ObjectKind> kinds;

  public OcelExport(RestClient client, JsonMapper json, IndexNames names) {
    this.es = new ElasticsearchReads(client, json);
    this.names = names;
    this.kinds = List.of(new InstanceObjects(es, names));
  }

  /** Told how far an export has come: events written of about how many, then objects written. */
  public interface Progress {
    Progress NONE = new Progress() {};

    default void events(long written, long total) {}

    default void objects(long written) {}
  }

  /** What an export wrote. */
  public record Summary(long events, long objects, long attributesLeftOut) {}

  /** The events an export of {@code query} would hold (by {@code _count}); fails when Elasticsearch does not answer. */
  public long count(OcelQuery query) {
    return new EventScan(es, names.eventsPattern(), ExportedEvents.query(query), PAGE).count();
  }

  /** Writes the whole log to {@code out}, which it closes. */
  public Summary write(OcelQuery query, OutputStream out, Progress progress) {
    OcelTypes types = new OcelTypes();
    OcelEvents events = new OcelEvents(kinds, types);
    long[] written = {0};
    long objects = 0;
    try (OcelLogWriter log = new OcelLogWriter(out);
        EventScan scan = new EventScan(es, names.eventsPattern(), ExportedEvents.query(query), PAGE)) {
      long total = scan.count();
      progress.events(0, total);
      log.startEvents();
      if (total > 0) {
        scan.forEach(hit -> {
          if (events.write(hit, query, log) && ++written[0] % PAGE == 0) {
            progress.events(written[0], total);
          }
        });
      }
      progress.events(written[0], total);
      log.startObjects();
      for (ObjectKind kind : kinds) {
        long before = objects;
        objects += kind.writeObjects(query, log, types, n -> progress.objects(before + n));
      }
      log.types(types);
      log.finish();
    }
    return new Summary(written[0], objects, types.attributesLeftOut());
  }
}
