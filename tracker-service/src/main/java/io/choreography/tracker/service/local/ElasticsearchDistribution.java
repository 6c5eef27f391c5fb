package io.choreography.tracker.service.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Enumeration;
import java.util.Properties;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The Elasticsearch distribution of local mode: the integration-test zip published to Maven Central. Found in
 * the local Maven repository (the build resolves it), else downloaded once; unpacked once.
 */
public final class ElasticsearchDistribution {

  private static final String GROUP_PATH = "org/elasticsearch/distribution/integ-test-zip/elasticsearch";
  private static final String CENTRAL = "https://repo.maven.apache.org/maven2/";

  private final String version;
  private final PrintStream progress;

  public ElasticsearchDistribution(String version, PrintStream progress) {
    this.version = version;
    this.progress = progress;
  }

  /** The version bundled with this build of the tracker (see local-infrastructure.properties). */
  public static String bundledVersion() {
    try (InputStream in =
        ElasticsearchDistribution.class.getResourceAsStream("/local-infrastructure.properties")) {
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("elasticsearch.version");
    } catch (IOException | NullPointerException e) {
      throw new IllegalStateException("local-infrastructure.properties missing from the classpath", e);
    }
  }

  /** Unpacks the distribution under {@code parent} unless already there; returns ES home. */
  public Path unpackInto(Path parent) throws IOException, InterruptedException {
    Path home = parent.resolve("elasticsearch-" + version);
    Path marker = home.resolve(".unpacked");
    if (Files.exists(marker)) {
      return home;
    }
    Path zip = locateOrDownload();
    long start = System.nanoTime();
    progress.printf("unpacking Elasticsearch %s into %s ...%n", version, home);
    Directories.deleteRecursively(home);
    Files.createDirectories(parent);
    unzip(zip, parent);
    try (var bins = Files.walk(home)) {
      for (Path p : bins.filter(Files::isRegularFile).toList()) {
        if (p.getParent().getFileName().toString().equals("bin")) {
          p.toFile().setExecutable(true, false);
        }
      }
    }
    Files.writeString(marker, version);
    progress.printf("unpacked in %.1f s%n", (System.nanoTime() - start) / 1e9);
    return home;
  }

  private Path locateOrDownload() throws IOException, InterruptedException {
    String file = "elasticsearch-" + version + ".zip";
    String relative = GROUP_PATH + "/" + version + "/" + file;
    String explicit = System.getProperty("tracker.local.elasticsearch-zip");
    if (explicit != null && Files.isRegularFile(Path.of(explicit))) {
      return Path.of(explicit);
    }
    Path m2 = Path.of(System.getProperty("maven.repo.local",
        System.getProperty("user.home") + "/.m2/repository"));
    Path inRepo = m2.resolve(relative);
    if (Files.isRegularFile(inRepo)) {
      return inRepo;
    }
    // Not built here with Maven: fetch it the way Maven would, into the same place.
    progress.printf("downloading Elasticsearch %s (about 110 MB) from Maven Central ...%n", version);
    Files.createDirectories(inRepo.getParent());
    Path tmp = inRepo.resolveSibling(file + ".part");
    HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();
    HttpResponse<Path> response = http.send(
        HttpRequest.newBuilder(URI.create(CENTRAL + relative)).build(), HttpResponse.BodyHandlers.ofFile(tmp));
    if (response.statusCode() != 200) {
      Files.deleteIfExists(tmp);
      throw new IOException("download of " + CENTRAL + relative + " failed: HTTP " + response.statusCode());
    }
    Files.move(tmp, inRepo, StandardCopyOption.REPLACE_EXISTING);
    return inRepo;
  }

  private static void unzip(Path zip, Path target) throws IOException {
    Path root = target.toAbsolutePath().normalize();
    try (ZipFile zf = new ZipFile(zip.toFile())) {
      Enumeration<? extends ZipEntry> entries = zf.entries();
      while (entries.hasMoreElements()) {
        ZipEntry e = entries.nextElement();
        Path out = root.resolve(e.getName()).normalize();
        if (!out.startsWith(root)) {
          throw new IOException("zip entry outside target: " + e.getName());
        }
        if (e.isDirectory()) {
          Files.createDirectories(out);
        } else {
          Files.createDirectories(out.getParent());
          try (InputStream in = zf.getInputStream(e); OutputStream os = Files.newOutputStream(out)) {
            in.transferTo(os);
          }
        }
      }
    }
  }
}
