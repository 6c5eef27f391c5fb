package io.choreography.tracker.service.bench;

import io.choreography.tracker.service.demo.DemoEmitters;
import io.choreography.tracker.service.demo.DemoOrder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Complete demo orders of ten events each (placed, confirmed, paid, four status changes, goods fetched, labelled,
 * shipped) in the four demo services' formats, produced round by round over a block of concurrent orders: the
 * first event of every order of the block, then the second of every order, and so on, so that a whole block of
 * instances is open at once. Checkout events carry five order lines, which brings the average payload to about
 * 500 bytes.
 */
final class OrderTraffic {

  static final int EVENTS_PER_ORDER = 10;

  private static final String[] STATUSES = {"CONFIRMED", "PAID", "PICKING", "PICKED", "PACKED", "LABELLED"};
  private static final String[] PRODUCTS = {"Stainless steel water bottle 750 ml", "Merino wool hiking socks",
      "USB-C charging cable 2 m, braided", "Ceramic pour-over coffee dripper", "Recycled paper notebook A5"};

  private final DemoEmitters emit;
  private final int concurrent;
  private DemoOrder[] block;
  private Map<String, Object> lines;
  private int round = EVENTS_PER_ORDER;
  private int position;
  private DemoOrder last;

  /** @param concurrent orders per block: how many instances are open at once */
  OrderTraffic(DemoEmitters emit, int concurrent) {
    this.emit = emit;
    this.concurrent = concurrent;
  }

  /** Sends the next event, timed now. */
  Future<RecordMetadata> next() {
    if (block == null || position == block.length) {
      position = 0;
      round++;
      if (round >= EVENTS_PER_ORDER) {
        round = 0;
        block = new DemoOrder[concurrent];
        for (int i = 0; i < concurrent; i++) {
          block[i] = DemoOrder.next(DemoOrder.Scenario.HAPPY);
        }
      }
    }
    DemoOrder order = block[position++];
    last = order;
    Instant now = Instant.now();
    return switch (round) {
      case 0 -> emit.checkout(order, "OrderPlaced", now, orderLines());
      case 1 -> status(order, STATUSES[0], now);
      case 2 -> emit.payment(order, "PaymentReceived", null, now);
      case 3, 4, 5, 6 -> status(order, STATUSES[round - 2], now);
      case 7 -> emit.inventory(order, now);
      case 8 -> status(order, STATUSES[5], now);
      default -> emit.shipping(order, now);
    };
  }

  /** The order of the event {@link #next} sent last. */
  DemoOrder lastOrder() {
    return last;
  }

  /** Whether the event {@link #next} sent last was its order's first (the one that creates the instance). */
  boolean lastWasFirst() {
    return round == 0;
  }

  private Future<RecordMetadata> status(DemoOrder order, String status, Instant now) {
    Map<String, Object> extra = new LinkedHashMap<>(orderLines());
    extra.put("status", status);
    return emit.checkout(order, "OrderStatusChanged", now, extra);
  }

  private Map<String, Object> orderLines() {
    if (lines == null || ThreadLocalRandom.current().nextInt(100) == 0) {
      ThreadLocalRandom random = ThreadLocalRandom.current();
      List<Map<String, Object>> items = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("sku", String.format("SKU-%06d", random.nextInt(1_000_000)));
        line.put("name", PRODUCTS[random.nextInt(PRODUCTS.length)]);
        line.put("quantity", random.nextInt(1, 5));
        line.put("unitPrice", Math.round(random.nextDouble(2, 80) * 100) / 100.0);
        items.add(line);
      }
      lines = Map.of("lines", items);
    }
    return lines;
  }
}
