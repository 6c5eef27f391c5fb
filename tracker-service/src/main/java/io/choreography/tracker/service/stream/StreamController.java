package io.choreography.tracker.service.stream;

import io.choreography.tracker.service.api.ApiException;
import io.choreography.tracker.service.api.TraceIds;
import java.util.concurrent.ExecutorService;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * {@code GET /api/stream?traceId=&process=}: Server-Sent Events {@code event} (as indexed), {@code instance} (the
 * instance's whole state) and {@code incident} (the incident CloudEvent) as they happen; a comment line every
 * heartbeat period.
 */
@RestController
public class StreamController {

  private static final Pattern PROCESS_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

  private final StreamHub hub;
  private final StreamProperties settings;
  private final ExecutorService senders;

  StreamController(StreamHub hub, StreamProperties settings, ExecutorService streamSenders) {
    this.hub = hub;
    this.settings = settings;
    this.senders = streamSenders;
  }

  @GetMapping(path = "/api/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
  public SseEmitter stream(@RequestParam(required = false) String traceId,
      @RequestParam(required = false) String process) {
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
    SseEmitter emitter = new SseEmitter(settings.timeout().toMillis());
    SseClient[] client = new SseClient[1];
    client[0] = new SseClient(emitter, new StreamFilter(traceId, process), settings.clientQueue(), senders,
        () -> hub.remove(client[0]));
    emitter.onCompletion(client[0]::close);
    emitter.onTimeout(client[0]::close);
    emitter.onError(e -> client[0].close());
    hub.add(client[0]);
    client[0].heartbeat(); // sends the response headers at once: the client knows it is connected
    return emitter;
  }
}
