package io.choreography.tracker.service.elasticsearch;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.http.entity.ByteArrayEntity;
import org.apache.http.entity.ContentType;
import org.apache.http.util.EntityUtils;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

/**
 * Writes whole documents in one bulk request, built as bytes: each document's JSON is copied into the request as the
 * tracker made it, never parsed or re-serialised on the way. The answer is asked for with {@code filter_path}, so
 * that a bulk without errors comes back as {@code {"errors":false}} and nothing is decoded per item.
 *
 * <p>Outcome per document: written; refused for now (429, 5xx: send again); refused for good (any other 4xx, with
 * Elasticsearch's reason). A request Elasticsearch refuses as a whole (400 or 413: one bad document makes the whole
 * request invalid) is split in halves until the bad documents stand alone and are refused for good, so one document
 * can never hold up the others. Elasticsearch unreachable, or answering 5xx to the request, throws.
 */
public final class BulkWriter {

  private static final JsonFactory JSON = new JsonFactory();
  private static final String FILTER = "errors,items.*.status,items.*.error.type,items.*.error.reason";
  private static final byte[] INDEX = utf8("{\"index\":{\"_index\":");
  private static final byte[] DELETE = utf8("{\"delete\":{\"_index\":");
  private static final byte[] ID = utf8(",\"_id\":");
  private static final byte[] END = utf8("}}\n");

  private final RestClient client;

  public BulkWriter(RestClient client) {
    this.client = client;
  }

  /** Sends the documents at the given positions once; see the class comment for what comes back. */
  public BulkAttempt attempt(List<IndexDocument> documents, List<Integer> positions) throws IOException {
    List<Integer> written = new ArrayList<>(positions.size());
    List<Integer> again = new ArrayList<>();
    Map<Integer, String> rejected = new HashMap<>();
    send(documents, positions, written, again, rejected);
    return new BulkAttempt(written, again, rejected);
  }

  /** All documents, once. */
  public BulkAttempt attempt(List<IndexDocument> documents) throws IOException {
    List<Integer> all = new ArrayList<>(documents.size());
    for (int i = 0; i < documents.size(); i++) {
      all.add(i);
    }
    return attempt(documents, all);
  }

  private void send(List<IndexDocument> documents, List<Integer> positions, List<Integer> written,
      List<Integer> again, Map<Integer, String> rejected) throws IOException {
    if (positions.isEmpty()) {
      return;
    }
    Request request = new Request("POST", "/_bulk");
    request.addParameter("filter_path", FILTER);
    request.setEntity(new ByteArrayEntity(body(documents, positions), ContentType.create("application/x-ndjson")));
    Response response;
    try {
      response = client.performRequest(request);
    } catch (ResponseException e) {
      int status = e.getResponse().getStatusLine().getStatusCode();
      if (status != 400 && status != 413) {
        throw e;
      }
      if (positions.size() == 1) {
        rejected.put(positions.get(0), status + " " + reason(e));
        return;
      }
      int half = positions.size() / 2;
      send(documents, positions.subList(0, half), written, again, rejected);
      send(documents, positions.subList(half, positions.size()), written, again, rejected);
      return;
    }
    read(response, positions, written, again, rejected);
  }

  /**
   * The request body: per document its action line, built here, and its JSON, copied as it is, into one array of
   * the exact size (index names and ids are quoted once each, with no intermediate strings).
   */
  static byte[] body(List<IndexDocument> documents, List<Integer> positions) {
    byte[][] indices = new byte[positions.size()][];
    byte[][] ids = new byte[positions.size()][];
    String lastIndex = null;
    byte[] lastQuoted = null;
    int size = 0;
    for (int i = 0; i < positions.size(); i++) {
      IndexDocument d = documents.get(positions.get(i));
      if (!d.index().equals(lastIndex)) {
        lastIndex = d.index();
        lastQuoted = quoted(lastIndex);
      }
      indices[i] = lastQuoted;
      ids[i] = quoted(d.id());
      size += (d.isDeletion() ? DELETE.length : INDEX.length) + indices[i].length + ID.length + ids[i].length
          + END.length + (d.isDeletion() ? 0 : d.json().length + 1);
    }
    byte[] body = new byte[size];
    int at = 0;
    for (int i = 0; i < positions.size(); i++) {
      IndexDocument d = documents.get(positions.get(i));
      at = put(body, at, d.isDeletion() ? DELETE : INDEX);
      at = put(body, at, indices[i]);
      at = put(body, at, ID);
      at = put(body, at, ids[i]);
      at = put(body, at, END);
      if (!d.isDeletion()) {
        at = put(body, at, d.json());
        body[at++] = '\n';
      }
    }
    return body;
  }

  private static int put(byte[] to, int at, byte[] bytes) {
    System.arraycopy(bytes, 0, to, at, bytes.length);
    return at + bytes.length;
  }

  /** Reads {@code {"errors":bool,"items":[{"<op>":{"status":n,"error":{"type":..,"reason":..}}}]}}. */
  private static void read(Response response, List<Integer> positions, List<Integer> written, List<Integer> again,
      Map<Integer, String> rejected) throws IOException {
    try (InputStream in = response.getEntity().getContent();
        JsonParser p = JSON.createParser(ObjectReadContext.empty(), in)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new IOException("unexpected bulk answer");
      }
      boolean errors = true;
      int item = 0;
      while (p.nextToken() == JsonToken.PROPERTY_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        if (field.equals("errors")) {
          errors = value == JsonToken.VALUE_TRUE;
          if (!errors) {
            written.addAll(positions);
            return;
          }
        } else if (field.equals("items") && value == JsonToken.START_ARRAY) {
          while (p.nextToken() == JsonToken.START_OBJECT) {
            p.nextToken(); // the operation name
            p.nextToken(); // its object
            int status = 0;
            String type = null;
            String reason = null;
            while (p.nextToken() == JsonToken.PROPERTY_NAME) {
              String name = p.currentName();
              p.nextToken();
              if (name.equals("status")) {
                status = p.getIntValue();
              } else if (name.equals("error")) {
                while (p.nextToken() == JsonToken.PROPERTY_NAME) {
                  String e = p.currentName();
                  p.nextToken();
                  if (e.equals("type")) {
                    type = p.getString();
                  } else if (e.equals("reason")) {
                    reason = p.getString();
                  } else {
                    p.skipChildren();
                  }
                }
              } else {
                p.skipChildren();
              }
            }
            p.nextToken(); // end of the item
            int position = positions.get(item++);
            if (status < 300) {
              written.add(position);
            } else if (status == 429 || status >= 500) {
              again.add(position);
            } else {
              rejected.put(position, status + " " + type + ": " + reason);
            }
          }
        } else {
          p.skipChildren();
        }
      }
      if (item != positions.size()) {
        throw new IOException("bulk answer has " + item + " items for " + positions.size() + " documents");
      }
    }
  }

  private static String reason(ResponseException e) {
    try {
      String body = EntityUtils.toString(e.getResponse().getEntity());
      return body.length() > 500 ? body.substring(0, 500) + "..." : body;
    } catch (IOException | RuntimeException ignored) {
      return e.getResponse().getStatusLine().toString();
    }
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * A JSON string, as UTF-8: ids and index names are the tracker's own (the ids percent-encoded, so printable
   * ASCII), but may hold any character a topic or key has.
   */
  static byte[] quoted(String s) {
    int n = s.length();
    byte[] plain = new byte[n + 2];
    plain[0] = '"';
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') {
        return escaped(s);
      }
      plain[i + 1] = (byte) c;
    }
    plain[n + 1] = '"';
    return plain;
  }

  private static byte[] escaped(String s) {
    StringBuilder b = new StringBuilder(s.length() + 8).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        b.append('\\').append(c);
      } else if (c < 0x20) {
        b.append(String.format("\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    return utf8(b.append('"').toString());
  }
}
