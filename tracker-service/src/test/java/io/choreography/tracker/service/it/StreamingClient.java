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
  private final long connectedNanos = System.nanoTime();
  private volatile long endedNanos;
  private volatile long longestReadGapNanos;
  private volatile long longestReadGapEndedNanos;
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
      Lines body = new Lines(chunked ? new Chunked(raw) : raw);
      String name = null;
      StringBuilder data = new StringBuilder();
      for (String line = body.next(); line != null; line = body.next()) {
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
      endedNanos = System.nanoTime();
      ended = true;
    } catch (IOException e) {
      endedNanos = System.nanoTime();
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

  /** What a failed assertion needs to tell: what the client got, how and when its stream ended. */
  public String describe() {
    long end = endedNanos;
    return "status " + status + ", received " + counts + ", last " + lastName + " " + lastData + ", "
        + (end == 0 ? "still open" : (ended ? "ended" : "failed (" + failure + ")") + " "
            + (end - connectedNanos) / 1_000_000 + " ms after it connected")
        + ", longest wait for the socket " + longestReadGapNanos / 1_000_000 + " ms, ending "
        + (longestReadGapEndedNanos - connectedNanos) / 1_000_000 + " ms after it connected";
  }

  @Override
  public void close() throws IOException {
    reading.countDown();
    socket.close();
  }

  private void gap(long nanos) {
    if (nanos > longestReadGapNanos) {
      longestReadGapNanos = nanos;
      longestReadGapEndedNanos = System.nanoTime();
    }
  }

  /** Lines of a stream, read in bulk (a byte at a time is too slow for a load test's readers). */
  private final class Lines {

    private final InputStream in;
    private final byte[] buffer = new byte[64 * 1024];
    private int start;
    private int end;

    Lines(InputStream in) {
      this.in = in;
    }

    String next() throws IOException {
      java.io.ByteArrayOutputStream partial = null;
      while (true) {
        for (int i = start; i < end; i++) {
          if (buffer[i] == '\n') {
            int to = i > start && buffer[i - 1] == '\r' ? i - 1 : i;
            String line;
            if (partial == null) {
              line = new String(buffer, start, to - start, StandardCharsets.UTF_8);
            } else {
              partial.write(buffer, start, i - start);
              line = partial.toString(StandardCharsets.UTF_8).replaceAll("\r$", "");
            }
            start = i + 1;
            return line;
          }
        }
        if (end > start) {
          if (partial == null) {
            partial = new java.io.ByteArrayOutputStream();
          }
          partial.write(buffer, start, end - start);
        }
        start = 0;
        long before = System.nanoTime();
        end = in.read(buffer, 0, buffer.length);
        gap(System.nanoTime() - before);
        if (end < 0) {
          end = 0;
          return partial == null ? null : partial.toString(StandardCharsets.UTF_8);
        }
      }
    }
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
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] into, int offset, int length) throws IOException {
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
      int n = in.read(into, offset, Math.min(length, left));
      if (n < 0) {
        done = true;
        return -1;
      }
      left -= n;
      return n;
    }
  }
}
