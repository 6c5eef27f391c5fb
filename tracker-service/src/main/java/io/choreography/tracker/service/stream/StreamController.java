package io.choreography.tracker.service.stream;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.choreography.tracker.service.api.ApiException;
import io.choreography.tracker.service.api.TraceIds;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code GET /api/stream?traceId=&process=}: Server-Sent Events {@code event} (as indexed), {@code instance} (the
 * instance's whole state) and {@code incident} (the incident CloudEvent) as they happen; a comment line every
 * heartbeat period; {@code dropped} as the last event of a client that fell behind (see {@link StreamClient}).
 * Always answered as {@code text/event-stream}, whatever the request accepts; bad parameters answer 400 JSON
 * before the stream starts. The events are written as the client's connection takes them (backpressure): see
 * {@link StreamClient}. Every event of an item has an {@code id:}; a client that reconnects with {@code
 * Last-Event-ID} first gets the kept items after that one (see {@link StreamHub#resume}).
 */
@RestController
public class StreamController {

  private static final Pattern PROCESS_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

  private final StreamHub hub;
  private final StreamProperties settings;
  private final JsonMapper json;

  StreamController(StreamHub hub, StreamProperties settings, JsonMapper json) {
    this.hub = hub;
    this.settings = settings;
    this.json = json;
  }

  @GetMapping("/api/stream")
  @Operation(summary = "Server-Sent Events as they happen: event, instance, incident; dropped, missed",
      description = "Each item is an SSE event with an id: event (the event document as indexed), instance (the "
          + "instance's whole state), incident (the incident CloudEvent). A comment line every heartbeat. "
          + "dropped ({reason, discarded}) is the last event of a client that fell behind; missed ({lastEventId, "
          + "reason}) comes first when a client reconnected with a Last-Event-ID whose successors are no longer kept.")
  @ApiResponse(responseCode = "200", content = @Content(mediaType = "text/event-stream",
      schema = @Schema(type = "string", description = "id:<id>\nevent:<name>\ndata:<JSON>\n\n per item")))
  public Mono<Void> stream(
      @Parameter(description = "only this trace's items") @RequestParam(required = false) String traceId,
      @Parameter(description = "only this process's items") @RequestParam(required = false) String process,
      @Parameter(description = "true: first the kept instance changes and incidents that match, oldest first "
          + "(what a page that just read the API may have missed while the index catches up)")
      @RequestParam(defaultValue = "false") boolean states,
      @Parameter(description = "the id of the last event a reconnecting client got")
      @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId,
      @Parameter(hidden = true) ServerHttpResponse response) {
    if (traceId != null) {
      TraceIds.validate(traceId);
    }
    if (process != null && !PROCESS_ID.matcher(process).matches()) {
      throw ApiException.badRequest("process must be a process id ([a-z0-9][a-z0-9-]{0,62}), but was '"
          + (process.length() > 70 ? process.substring(0, 70) + "..." : process) + "'");
    }
    if (hub.clients() >= settings.maxClients()) {
      throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE,
          "too many live-stream clients (tracker.stream.max-clients=" + settings.maxClients() + ")");
    }
    response.getHeaders().setContentType(new MediaType(MediaType.TEXT_EVENT_STREAM, StandardCharsets.UTF_8));
    // a stream's connection is not reused: once its last event is written, it closes
    response.getHeaders().set(HttpHeaders.CONNECTION, "close");
    StreamClient client = new StreamClient(new StreamFilter(traceId, process), settings.clientQueue(),
        settings.stallTimeout(), json, () -> disconnect(response));
    watchWrites(response, client);
    // what it gets first at most half its buffer, so that it never drops it at once
    int firstAtMost = Math.max(1, settings.clientQueue() / 2);
    if (lastEventId != null && !lastEventId.isBlank()) {
      hub.resume(client, lastEventId.strip(), firstAtMost);
    } else if (states) {
      hub.addWithStates(client, firstAtMost);
    } else {
      hub.add(client);
    }
    client.heartbeat(); // sends the response headers at once: the client knows it is connected
    Flux<String> events = client.events(() -> {
      hub.remove(client);
      hub.clientDropped();
    }, () -> hub.remove(client)).take(settings.timeout());
    // written as they come, each write flushed: the events are in their wire format already
    return response.writeAndFlushWith(events.map(text -> Mono.just(
        response.bufferFactory().wrap(text.getBytes(StandardCharsets.UTF_8)))));
  }

  /**
   * Tells the client each time its connection finished writing to the socket (a write's promise succeeded): how a
   * client that reads, however slowly, is told from one that stopped.
   */
  private static void watchWrites(ServerHttpResponse response, StreamClient client) {
    Object nativeResponse = ServerHttpResponseDecorator.getNativeResponse(response);
    if (nativeResponse instanceof HttpServerResponse netty) {
      netty.withConnection(c -> client.describeConnection(() -> {
        io.netty.channel.ChannelOutboundBuffer waiting = c.channel().unsafe().outboundBuffer();
        return "; connection " + (c.channel().isWritable() ? "writable" : "not writable") + ", "
            + (waiting == null ? "closed" : waiting.totalPendingWriteBytes() + " bytes waiting in it");
      }));
      netty.withConnection(c -> c.addHandlerLast("tracker-stream-writes", new ChannelOutboundHandlerAdapter() {
        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
          ChannelPromise watched = promise.unvoid();
          watched.addListener(f -> {
            if (f.isSuccess()) {
              client.written();
            }
          });
          ctx.write(msg, watched);
        }
      }));
    }
  }

  /** Closes the connection under the response, if it is still open. */
  private static void disconnect(ServerHttpResponse response) {
    Object nativeResponse = ServerHttpResponseDecorator.getNativeResponse(response);
    if (nativeResponse instanceof HttpServerResponse netty) {
      netty.withConnection(c -> {
        if (!c.isDisposed()) {
          c.dispose();
        }
      });
    }
  }
}
