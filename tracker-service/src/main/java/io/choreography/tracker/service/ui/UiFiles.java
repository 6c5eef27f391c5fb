package io.choreography.tracker.service.ui;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.http.MediaType;
import org.springframework.http.MediaTypeFactory;

/**
 * The web UI's static files (index.html and assets/**, packaged by the dashboards module under
 * META-INF/resources), read once at start and served from memory: a few tens of kilobytes, and no file is read
 * on an event loop. Only these names exist; no request path is ever resolved against a directory.
 */
final class UiFiles {

  private static final String ROOT = "META-INF/resources/";

  /** One file: its bytes, media type and ETag. */
  record File(byte[] content, MediaType type, String etag) {}

  private final Map<String, File> files = new HashMap<>();

  UiFiles() {
    try {
      PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();
      add(resolver.getResource("classpath:" + ROOT + "index.html"), "index.html");
      for (Resource r : resolver.getResources("classpath*:" + ROOT + "assets/**")) {
        String url = r.getURL().toString();
        if (r.isReadable() && !url.endsWith("/")) {
          add(r, url.substring(url.lastIndexOf(ROOT) + ROOT.length()));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not read the UI's files", e);
    }
  }

  private void add(Resource resource, String name) throws IOException {
    if (!resource.exists()) {
      return;
    }
    byte[] content;
    try (InputStream in = resource.getInputStream()) {
      content = in.readAllBytes();
    }
    MediaType type = name.endsWith(".js") ? MediaType.parseMediaType("text/javascript;charset=UTF-8")
        : MediaTypeFactory.getMediaType(name).orElse(MediaType.APPLICATION_OCTET_STREAM);
    if ("text".equals(type.getType()) && type.getCharset() == null) {
      type = new MediaType(type, java.nio.charset.StandardCharsets.UTF_8);
    }
    files.put(name, new File(content, type, "\"" + sha256(content).substring(0, 16) + "\""));
  }

  /** The file of this name (e.g. {@code assets/app.js}), or null. */
  File get(String name) {
    return files.get(name);
  }

  private static String sha256(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
