package io.choreography.tracker.service.it;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPInputStream;

/**
 * An OTLP/HTTP trace receiver ({@code POST /v1/traces}, http/protobuf) that decodes each export with the official
 * {@code opentelemetry-proto} messages and keeps the spans, with their service name.
 */
public final class TestOtlpReceiver implements AutoCloseable {

  /** One received span, ids in lowercase hex. */
  public record ReceivedSpan(String service, Span span) {

    public String traceId() {
      return hex(span.getTraceId().toByteArray());
    }

    public String spanId() {
      return hex(span.getSpanId().toByteArray());
    }

    public String parentSpanId() {
      return hex(span.getParentSpanId().toByteArray());
    }

    public String name() {
      return span.getName();
    }

    /** The string value of that attribute, or null. */
    public String attribute(String key) {
      return span.getAttributesList().stream().filter(a -> a.getKey().equals(key)).findFirst()
          .map(a -> a.getValue().hasIntValue() ? Long.toString(a.getValue().getIntValue())
              : a.getValue().getStringValue())
          .orElse(null);
    }

    /** The links as "traceId-spanId". */
    public List<String> links() {
      return span.getLinksList().stream()
          .map(l -> hex(l.getTraceId().toByteArray()) + "-" + hex(l.getSpanId().toByteArray())).toList();
    }
  }

  private final HttpServer server;
  private final List<ReceivedSpan> spans = new CopyOnWriteArrayList<>();
  private final AtomicInteger requests = new AtomicInteger();

  public TestOtlpReceiver() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    server.createContext("/v1/traces", this::export);
    server.start();
  }

  /** What {@code otel.exporter.otlp.endpoint} should be. */
  public String endpoint() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Every export request received, decodable or not. */
  public int requests() {
    return requests.get();
  }

  public List<ReceivedSpan> spans() {
    return new ArrayList<>(spans);
  }

  private void export(HttpExchange exchange) throws IOException {
    requests.incrementAndGet();
    try (exchange) {
      if (!"POST".equals(exchange.getRequestMethod())) {
        exchange.sendResponseHeaders(405, -1);
        return;
      }
      byte[] body;
      try (InputStream in = "gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))
          ? new GZIPInputStream(exchange.getRequestBody()) : exchange.getRequestBody()) {
        body = in.readAllBytes();
      }
      ExportTraceServiceRequest request = ExportTraceServiceRequest.parseFrom(body);
      for (ResourceSpans resource : request.getResourceSpansList()) {
        String service = resource.getResource().getAttributesList().stream()
            .filter(a -> a.getKey().equals("service.name")).findFirst()
            .map(a -> a.getValue().getStringValue()).orElse(null);
        for (ScopeSpans scope : resource.getScopeSpansList()) {
          for (Span span : scope.getSpansList()) {
            spans.add(new ReceivedSpan(service, span));
          }
        }
      }
      byte[] answer = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
      exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
      exchange.sendResponseHeaders(200, answer.length == 0 ? -1 : answer.length);
      if (answer.length > 0) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(answer);
        }
      }
    }
  }

  private static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
