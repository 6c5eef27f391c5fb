package io.choreography.tracker.service.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP/1.1 exchange over a plain socket, the request target sent byte for byte as given: for requests an HTTP
 * client library would refuse to send (malformed escapes, control characters, odd methods).
 */
public final class RawHttp {

  /** A response: status, headers (names lower case) and the body, de-chunked. */
  public record Response(int status, Map<String, String> headers, String body) {

    public String contentType() {
      return headers.getOrDefault("content-type", "");
    }
  }

  private RawHttp() {}

  public static Response exchange(int port, String method, String target, Map<String, String> headers)
      throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(30_000);
      StringBuilder request = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n")
          .append("Host: localhost:").append(port).append("\r\nConnection: close\r\n");
      headers.forEach((k, v) -> request.append(k).append(": ").append(v).append("\r\n"));
      request.append("\r\n");
      OutputStream out = socket.getOutputStream();
      out.write(request.toString().getBytes(StandardCharsets.UTF_8));
      out.flush();
      InputStream in = socket.getInputStream();
      String statusLine = line(in);
      if (statusLine == null) {
        throw new IOException("connection closed without a response");
      }
      Map<String, String> responseHeaders = new LinkedHashMap<>();
      for (String h = line(in); h != null && !h.isEmpty(); h = line(in)) {
        int colon = h.indexOf(':');
        responseHeaders.put(h.substring(0, colon).trim().toLowerCase(Locale.ROOT), h.substring(colon + 1).trim());
      }
      int status = Integer.parseInt(statusLine.split(" ")[1]);
      byte[] body;
      if ("HEAD".equals(method)) {
        body = new byte[0];
      } else if ("chunked".equalsIgnoreCase(responseHeaders.get("transfer-encoding"))) {
        body = dechunk(in);
      } else if (responseHeaders.containsKey("content-length")) {
        body = in.readNBytes(Integer.parseInt(responseHeaders.get("content-length")));
      } else {
        body = in.readAllBytes();
      }
      return new Response(status, responseHeaders, new String(body, StandardCharsets.UTF_8));
    }
  }

  private static byte[] dechunk(InputStream in) throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    while (true) {
      String size = line(in);
      if (size == null) {
        throw new IOException("connection closed inside a chunked body");
      }
      int semicolon = size.indexOf(';');
      int n = Integer.parseInt((semicolon < 0 ? size : size.substring(0, semicolon)).trim(), 16);
      if (n == 0) {
        return body.toByteArray();
      }
      body.write(in.readNBytes(n));
      line(in);
    }
  }

  /** One line, without its CR LF; null at the end of the stream. */
  public static String line(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int b = in.read();
    if (b < 0) {
      return null;
    }
    for (; b >= 0 && b != '\n'; b = in.read()) {
      if (b != '\r') {
        line.write(b);
      }
    }
    return line.toString(StandardCharsets.UTF_8);
  }
}
