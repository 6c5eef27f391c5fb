package io.choreography.tracker.service.stream;

import io.choreography.tracker.service.elasticsearch.IndexDocument;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The latest items the live stream dispatched, numbered from 1, for clients that reconnect with {@code
 * Last-Event-ID}: a ring of a fixed number of entries, the oldest overwritten first. An event document is kept
 * as indexed and turned into an item only when a client needs it, so that keeping items costs little while nobody
 * listens. Not thread-safe: the hub holds its lock around every call.
 */
final class RecentItems {

  /** One dispatched thing: an item, or an event document not made into an item yet. */
  private static final class Entry {
    private Object work;

    Entry(Object work) {
      this.work = work;
    }

    StreamItem item(Function<IndexDocument, StreamItem> toItem) {
      if (work instanceof IndexDocument document) {
        work = toItem.apply(document);
      }
      return (StreamItem) work;
    }
  }

  /** What a reconnecting client gets: the items after its last one, and whether some it missed are gone. */
  record Since(List<Numbered> items, boolean incomplete) {}

  /** An item with its number. */
  record Numbered(long number, StreamItem item) {}

  private final Entry[] ring;
  private long last; // the number of the latest entry, 0 before the first

  RecentItems(int capacity) {
    this.ring = new Entry[Math.max(0, capacity)];
  }

  /** Keeps an item (or an event document, made into an item when needed) and returns its number. */
  long add(Object work) {
    last++;
    if (ring.length > 0) {
      ring[(int) (last % ring.length)] = new Entry(work);
    }
    return last;
  }

  /** The item numbered {@code number}, the latest one having just been added. */
  StreamItem latest(Function<IndexDocument, StreamItem> toItem, Object work) {
    return ring.length == 0 ? new Entry(work).item(toItem) : ring[(int) (last % ring.length)].item(toItem);
  }

  long last() {
    return last;
  }

  /**
   * The kept items after number {@code after} that match the filter, at most {@code max} (the latest ones);
   * incomplete when items after it are no longer kept, or more than {@code max} matched.
   */
  Since after(long after, StreamFilter filter, int max, Function<IndexDocument, StreamItem> toItem) {
    long oldestKept = Math.max(1, last - ring.length + 1);
    boolean incomplete = after + 1 < oldestKept || after > last;
    List<Numbered> matching = new ArrayList<>();
    for (long n = Math.max(after + 1, oldestKept); n <= last && after <= last; n++) {
      StreamItem item = ring[(int) (n % ring.length)].item(toItem);
      if (filter.matches(item)) {
        matching.add(new Numbered(n, item));
      }
    }
    return new Since(latest(matching, max), incomplete || matching.size() > max);
  }

  /**
   * The kept instance changes and incidents that match the filter, oldest first, at most {@code max} (the latest
   * ones). Events are skipped, event documents without being made into items: a client that asks for these reads
   * the events from the API, whose index they reach first.
   */
  List<Numbered> states(StreamFilter filter, int max) {
    long oldestKept = Math.max(1, last - ring.length + 1);
    List<Numbered> matching = new ArrayList<>();
    for (long n = oldestKept; n <= last; n++) {
      Entry entry = ring[(int) (n % ring.length)];
      // an event document already made into an item for a listening client is still an event
      if (entry.work instanceof StreamItem item && !item.name().equals("event") && filter.matches(item)) {
        matching.add(new Numbered(n, item));
      }
    }
    return latest(matching, max);
  }

  /** The last {@code max} of them. */
  private static List<Numbered> latest(List<Numbered> matching, int max) {
    return matching.size() > max ? List.copyOf(matching.subList(matching.size() - max, matching.size())) : matching;
  }
}
