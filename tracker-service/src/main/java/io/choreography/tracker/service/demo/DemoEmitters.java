package io.choreography.tracker.service.demo;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import tools.jackson.databind.json.JsonMapper;

/**
 * The four simulated services. Each writes to its own topic in its own format, knowing nothing of the tracker:
 * <ul>
 *   <li>checkout: CloudEvents in binary mode ({@code ce_*} headers), keyed by order id;
 *   <li>payment: plain JSON with a W3C {@code traceparent} header and no order id, keyed by payment id;
 *   <li>inventory: plain JSON with an {@code orderId} field and no headers, keyed by warehouse;
 *   <li>shipping: CloudEvents in structured mode ({@code application/cloudevents+json}), keyed by parcel.
 * </ul>
 */
final class DemoEmitters {

  static final String ORDERS = "orders";
  static final String PAYMENTS = "payments";
  static final String INVENTORY = "inventory";
  static final String SHIPPING = "shipping";
  static final List<String> TOPICS = List.of(ORDERS, PAYMENTS, INVENTORY, SHIPPING);

  private final Producer<String, byte[]> producer;
  private final JsonMapper json;

  DemoEmitters(Producer<String, byte[]> producer, JsonMapper json) {
    this.producer = producer;
    this.json = json;
  }

  /** Checkout service: OrderPlaced and OrderStatusChanged as binary-mode CloudEvents. */
  void checkout(DemoOrder order, String type, Instant time, Map<String, Object> extra) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("orderId", order.orderId());
    data.put("customer", order.customer());
    data.put("total", order.total());
    data.putAll(extra);
    ProducerRecord<String, byte[]> r = new ProducerRecord<>(ORDERS, order.orderId(), bytes(data));
    header(r, "ce_specversion", "1.0");
    header(r, "ce_id", UUID.randomUUID().toString());
    header(r, "ce_source", "/checkout");
    header(r, "ce_type", type);
    header(r, "ce_time", time.toString());
    header(r, "content-type", "application/json");
    producer.send(r);
  }

  /** Payment service: knows the trace only from the W3C trace context it propagates. */
  void payment(DemoOrder order, String type, String status, Instant time) {
    String paymentId = "pay-" + Long.toHexString(ThreadLocalRandom.current().nextLong());
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", type);
    body.put("eventId", UUID.randomUUID().toString());
    body.put("paymentId", paymentId);
    body.put("amount", order.total());
    if (status != null) {
      body.put("status", status);
    }
    body.put("occurredAt", time.toString());
    ProducerRecord<String, byte[]> r = new ProducerRecord<>(PAYMENTS, paymentId, bytes(body));
    String spanId = String.format("%016x", ThreadLocalRandom.current().nextLong() | 1);
    header(r, "traceparent", "00-" + order.orderId() + "-" + spanId + "-01");
    producer.send(r);
  }

  /** Inventory service: plain JSON, correlated only by the orderId field. */
  void inventory(DemoOrder order, Instant time) {
    String warehouse = "wh-" + ThreadLocalRandom.current().nextInt(1, 4);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("eventType", "GoodsFetched");
    body.put("eventId", UUID.randomUUID().toString());
    body.put("orderId", order.orderId());
    body.put("warehouse", warehouse);
    body.put("occurredAt", time.toEpochMilli());
    producer.send(new ProducerRecord<>(INVENTORY, warehouse, bytes(body)));
  }

  /** Shipping service: structured-mode CloudEvents; the order id is inside {@code data}. */
  void shipping(DemoOrder order, Instant time) {
    String parcel = "parcel-" + Long.toHexString(ThreadLocalRandom.current().nextLong());
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("specversion", "1.0");
    event.put("id", UUID.randomUUID().toString());
    event.put("source", "/shipping");
    event.put("type", "GoodsShipped");
    event.put("time", time.toString());
    event.put("datacontenttype", "application/json");
    event.put("data", Map.of("orderId", order.orderId(), "carrier", "demo-express", "parcel", parcel));
    ProducerRecord<String, byte[]> r = new ProducerRecord<>(SHIPPING, parcel, bytes(event));
    header(r, "content-type", "application/cloudevents+json; charset=UTF-8");
    producer.send(r);
  }

  private byte[] bytes(Object value) {
    return json.writeValueAsBytes(value);
  }

  private static void header(ProducerRecord<String, byte[]> r, String name, String value) {
    r.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
  }
}
