package io.choreography.tracker.service.demo;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
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
public final class DemoEmitters {

  /** The topics of the demo, as the bundled order-fulfillment definition names them. */
  public static final List<String> TOPICS = List.of("orders", "payments", "inventory", "shipping");

  private final Producer<String, byte[]> producer;
  private final JsonMapper json;
  private final String orders;
  private final String payments;
  private final String inventory;
  private final String shipping;

  /** @param topicPrefix put before each topic name (empty for the demo itself; tests isolate with it) */
  public DemoEmitters(Producer<String, byte[]> producer, JsonMapper json, String topicPrefix) {
    this.producer = producer;
    this.json = json;
    this.orders = topicPrefix + TOPICS.get(0);
    this.payments = topicPrefix + TOPICS.get(1);
    this.inventory = topicPrefix + TOPICS.get(2);
    this.shipping = topicPrefix + TOPICS.get(3);
  }

  /** Checkout service: OrderPlaced and OrderStatusChanged as binary-mode CloudEvents. */
  public Future<RecordMetadata> checkout(DemoOrder order, String type, Instant time, Map<String, Object> extra) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("orderId", order.orderId());
    data.put("customer", order.customer());
    data.put("total", order.total());
    data.putAll(extra);
    ProducerRecord<String, byte[]> r = new ProducerRecord<>(orders, order.orderId(), bytes(data));
    header(r, "ce_specversion", "1.0");
    header(r, "ce_id", UUID.randomUUID().toString());
    header(r, "ce_source", "/checkout");
    header(r, "ce_type", type);
    header(r, "ce_time", time.toString());
    header(r, "content-type", "application/json");
    return producer.send(r);
  }

  /** Payment service: knows the trace only from the W3C trace context it propagates. */
  public Future<RecordMetadata> payment(DemoOrder order, String type, String status, Instant time) {
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
    ProducerRecord<String, byte[]> r = new ProducerRecord<>(payments, paymentId, bytes(body));
    String spanId = String.format("%016x", ThreadLocalRandom.current().nextLong() | 1);
    header(r, "traceparent", "00-" + order.orderId() + "-" + spanId + "-01");
    return producer.send(r);
  }

  /** Payment service with a bug: it drops the W3C trace context, so its event carries no trace id at all. */
  public Future<RecordMetadata> paymentWithoutTraceContext(DemoOrder order, String type, Instant time) {
    String paymentId = "pay-" + Long.toHexString(ThreadLocalRandom.current().nextLong());
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", type);
    body.put("eventId", UUID.randomUUID().toString());
    body.put("paymentId", paymentId);
    body.put("amount", order.total());
    body.put("occurredAt", time.toString());
    return producer.send(new ProducerRecord<>(payments, paymentId, bytes(body)));
  }

  /** Inventory service: plain JSON, correlated only by the orderId field. */
  public Future<RecordMetadata> inventory(DemoOrder order, Instant time) {
    String warehouse = "wh-" + ThreadLocalRandom.current().nextInt(1, 4);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("eventType", "GoodsFetched");
    body.put("eventId", UUID.randomUUID().toString());
    body.put("orderId", order.orderId());
    body.put("warehouse", warehouse);
    body.put("occurredAt", time.toEpochMilli());
    return producer.send(new ProducerRecord<>(inventory, warehouse, bytes(body)));
  }

  /** Shipping service: structured-mode CloudEvents; the order id is inside {@code data}. */
  public Future<RecordMetadata> shipping(DemoOrder order, Instant time) {
    String parcel = "parcel-" + Long.toHexString(ThreadLocalRandom.current().nextLong());
    return shippingEvent("GoodsShipped", parcel,
        Map.of("orderId", order.orderId(), "carrier", "demo-express", "parcel", parcel), time);
  }

  /**
   * Shipping service, the way it works with its own id: it packs the order's goods into a parcel (the one event that
   * carries both ids) and from then on speaks of the parcel only.
   */
  public Future<RecordMetadata> parcelPacked(DemoOrder order, String parcel, Instant time) {
    return shippingEvent("ParcelPacked", parcel, Map.of("orderId", order.orderId(), "parcel", parcel), time);
  }

  /** Shipping service: the parcel left, an event that carries the parcel id and no order id. */
  public Future<RecordMetadata> parcelShipped(String parcel, Instant time) {
    return shippingEvent("GoodsShipped", parcel, Map.of("carrier", "demo-express", "parcel", parcel), time);
  }

  private Future<RecordMetadata> shippingEvent(String type, String parcel, Map<String, Object> data, Instant time) {
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("specversion", "1.0");
    event.put("id", UUID.randomUUID().toString());
    event.put("source", "/shipping");
    event.put("type", type);
    event.put("time", time.toString());
    event.put("datacontenttype", "application/json");
    event.put("data", data);
    ProducerRecord<String, byte[]> r = new ProducerRecord<>(shipping, parcel, bytes(event));
    header(r, "content-type", "application/cloudevents+json; charset=UTF-8");
    return producer.send(r);
  }

  private byte[] bytes(Object value) {
    return json.writeValueAsBytes(value);
  }

  private static void header(ProducerRecord<String, byte[]> r, String name, String value) {
    r.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
  }
}
