package io.choreography.tracker.service.it;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An HTTP/1.1 webhook receiver that, like a Node server with a WebSocket library attached (Node-RED, many Express
 * apps), refuses every request asking for a protocol upgrade with 405 and accepts the others with 200. Written on a
 * plain socket because the JDK's HttpServer ignores {@code Upgrade} and would hide the problem.
 */
final class UpgradeRefusingReceiver implements AutoCloseable {

  /** One request as received: its headers (names in lower case), its body and the status it was answered with. */
  record Request(Map<String, String> headers, String body, int status) {}

  private final ServerSocket server;
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final Thread thread;

  UpgradeRefusingReceiver() throws IOException {
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    thread = new Thread(this::serve, "upgrade-refusing-receiver");
    thread.setDaemon(true);
    thread.start();
  }

  String url(String path) {
    return "http://127.0.0.1:" + server.getLocalPort() + path;
  }

  List<Request> requests() {
    return requests;
  }

  private void serve() {
    while (!server.isClosed()) {
      try (Socket socket = server.accept()) {
        handle(socket);
      } catch (IOException e) {
        // closed, or a client gone mid-request: take the next one
      }
    }
  }

  /** One request per connection: the answer says Connection: close. */
  private void handle(Socket socket) throws IOException {
    InputStream in = new BufferedInputStream(socket.getInputStream());
    String requestLine = line(in);
    if (requestLine == null || requestLine.isEmpty()) {
      return;
    }
    Map<String, String> headers = new TreeMap<>();
    for (String header = line(in); header != null && !header.isEmpty(); header = line(in)) {
      int colon = header.indexOf(':');
      headers.put(header.substring(0, colon).trim().toLowerCase(Locale.ROOT), header.substring(colon + 1).trim());
    }
    int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
    String body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
    int status = headers.containsKey("upgrade") ? 405 : 200;
    requests.add(new Request(headers, body, status));
    OutputStream out = socket.getOutputStream();
    out.write(("HTTP/1.1 " + status + (status == 200 ? " OK" : " Method Not Allowed")
        + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  /** A header line without its CRLF, or null at the end of the stream. */
  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (int b = in.read(); b != '\n'; b = in.read()) {
      if (b == -1) {
        return bytes.size() == 0 ? null : bytes.toString(StandardCharsets.ISO_8859_1);
      }
      if (b != '\r') {
        bytes.write(b);
      }
    }
    return bytes.toString(StandardCharsets.ISO_8859_1);
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
