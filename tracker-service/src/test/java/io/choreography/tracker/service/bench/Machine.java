package io.choreography.tracker.service.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** What the figures were measured on: CPU model, cores, memory, Java. */
final class Machine {

  private Machine() {}

  /** Warnings and errors only from this JVM's libraries (the in-process broker logs every setting at INFO). */
  static void quietLogging() {
    ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
        .setLevel(ch.qos.logback.classic.Level.WARN);
  }

  static String describe() {
    String cpu = firstValue("/proc/cpuinfo", "model name");
    String memory = firstValue("/proc/meminfo", "MemTotal");
    String gib = memory == null ? "?" : String.format("%.0f GiB",
        Long.parseLong(memory.replaceAll("\\D", "")) / 1024.0 / 1024.0);
    return String.format("%s, %d cores, %s memory, Java %s (%s)", cpu, Runtime.getRuntime().availableProcessors(),
        gib, System.getProperty("java.version"), System.getProperty("java.vm.name"));
  }

  private static String firstValue(String file, String name) {
    try {
      List<String> lines = Files.readAllLines(Path.of(file));
      return lines.stream().filter(l -> l.startsWith(name)).map(l -> l.substring(l.indexOf(':') + 1).trim())
          .findFirst().orElse(null);
    } catch (IOException e) {
      return null;
    }
  }
}
