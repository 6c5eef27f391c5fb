package io.choreography.tracker.service.it;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A live-stream client on a plain socket, reading on a thread of its own; it can start stalled (it reads nothing,
 * with a small receive buffer, until {@link #resume}) to play a client that stopped reading. It keeps what the
 * load tests check, not the events themselves: how many of each name, the trace ids of the {@code event}s, and
 * the last event before the stream ended.
 */
public final class StreamingClient implements AutoCloseable {

  private final Socket socket = new Socket();
  private final CountDownLatch reading;
  private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
  private final Set<String> eventTraceIds = ConcurrentHashMap.newKeySet();
  private final Thread thread;
  private volatile int status;
  private volatile String lastName;
  private volatile String lastData;
  private volatile boolean ended;
  private volatile IOException failure;

  private StreamingClient(int port, String target, String apiKey, boolean stalled) throws IOException {
    reading = new CountDownLatch(stalled ? 1 : 0);
    if (stalled) {
      socket.setReceiveBufferSize(4096);
    }
    socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
    OutputStream out = socket.getOutputStream();
    out.write(("GET " + target + " HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n"
        + (apiKey == null ? "" : "X-API-Key: " + apiKey + "\r\n") + "\r\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
    thread = new Thread(this::read, "streaming-client-" + socket.getLocalPort());
    thread.setDaemon(true);
    thread.start();
  }

  public static StreamingClient reading(int port, String target, String apiKey) throws IOException {
    return new StreamingClient(port, target, apiKey, false);
  }

  public static StreamingClient stalled(int port, String target, String apiKey) throws IOException {
    return new StreamingClient(port, target, apiKey, true);
  }

  public void resume() {
    reading.countDown();
  }

  private void read() {
    try {
      InputStream raw = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
      String statusLine = RawHttp.line(raw);
      status = statusLine == null ? -1 : Integer.parseInt(statusLine.split(" ")[1]);
      boolean chunked = false;
      for (String h = RawHttp.line(raw); h != null && !h.isEmpty(); h = RawHttp.line(raw)) {
        chunked |= h.toLowerCase().replace(" ", "").equals("transfer-encoding:chunked");
      }
      reading.await();
      InputStream body = chunked ? new Chunked(raw) : raw;
      String name = null;
      StringBuilder data = new StringBuilder();
      for (String line = RawHttp.line(body); line != null; line = RawHttp.line(body)) {
        if (line.isEmpty()) {
          if (!data.isEmpty()) {
            received(name == null ? "message" : name, data.toString());
          }
          name = null;
          data.setLength(0);
        } else if (line.startsWith(":")) {
          received("comment", line.substring(1));
        } else if (line.startsWith("event:")) {
          name = line.substring(6).trim();
        } else if (line.startsWith("data:")) {
          data.append(line.substring(5).trim());
        }
      }
      ended = true;
    } catch (IOException e) {
      failure = e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void received(String name, String data) {
    counts.computeIfAbsent(name, n -> new AtomicInteger()).incrementAndGet();
    if (!name.equals("comment")) {
      lastName = name;
      lastData = data;
    }
    if (name.equals("event")) {
      int at = data.indexOf("\"traceId\":\"");
      if (at >= 0) {
        int from = at + 11;
        eventTraceIds.add(data.substring(from, data.indexOf('"', from)));
      }
    }
  }

  public int status() {
    return status;
  }

  public int count(String name) {
    AtomicInteger n = counts.get(name);
    return n == null ? 0 : n.get();
  }

  public Set<String> eventTraceIds() {
    return eventTraceIds;
  }

  /** The name of the last event (comments aside). */
  public String lastName() {
    return lastName;
  }

  public String lastData() {
    return lastData;
  }

  /** Whether the server ended the stream (the body ended, or the connection closed). */
  public boolean ended() {
    return ended;
  }

  public IOException failure() {
    return failure;
  }

  @Override
  public void close() throws IOException {
    reading.countDown();
    socket.close();
  }

  /** The body of a chunked response. */
  private static final class Chunked extends InputStream {

    private final InputStream in;
    private int left;
    private boolean done;

    Chunked(InputStream in) {
      this.in = in;
    }

    @Override
    public int read() throws IOException {
      if (done) {
        return -1;
      }
      if (left == 0) {
        String size = RawHttp.line(in);
        if (size != null && size.isEmpty()) {
          size = RawHttp.line(in); // the CR LF after the previous chunk
        }
        if (size == null) {
          done = true;
          return -1;
        }
        int semicolon = size.indexOf(';');
        left = Integer.parseInt((semicolon < 0 ? size : size.substring(0, semicolon)).trim(), 16);
        if (left == 0) {
          done = true;
          return -1;
        }
      }
      int b = in.read();
      if (b < 0) {
        done = true;
        return -1;
      }
      left--;
      return b;
    }
  }
}
