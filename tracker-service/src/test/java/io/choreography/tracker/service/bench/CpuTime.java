package io.choreography.tracker.service.bench;

import java.time.Duration;

/** CPU seconds used so far by a process (user + system), from the operating system. */
final class CpuTime {

  private CpuTime() {}

  static double seconds(ProcessHandle process) {
    return process.info().totalCpuDuration().orElse(Duration.ZERO).toNanos() / 1e9;
  }

  /**
   * CPU seconds of this JVM's child processes other than {@code except} and its descendants (in the benchmarks: the
   * Elasticsearch node, started by the local infrastructure of the benchmark's JVM).
   */
  static double childrenExcept(long except) {
    return ProcessHandle.current().descendants()
        .filter(p -> p.pid() != except && p.parent().map(parent -> parent.pid() != except).orElse(true))
        .mapToDouble(CpuTime::seconds).sum();
  }

  /**
   * CPU seconds per thread name (digits folded, so that a pool is one line) of a process, from {@code
   * /proc/<pid>/task/<tid>/stat}; the kernel keeps the first 15 characters of a thread's name.
   */
  static java.util.Map<String, Double> perThread(long pid) {
    java.util.Map<String, Double> seconds = new java.util.TreeMap<>();
    java.io.File[] tasks = new java.io.File("/proc/" + pid + "/task").listFiles();
    if (tasks == null) {
      return seconds;
    }
    for (java.io.File task : tasks) {
      try {
        String stat = java.nio.file.Files.readString(task.toPath().resolve("stat"));
        String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')).replaceAll("\\d+", "N");
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // fields[0] is the state (field 3 of stat); utime and stime are fields 14 and 15, in clock ticks
        double ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        seconds.merge(name, ticks / 100.0, Double::sum);
      } catch (java.io.IOException | RuntimeException gone) {
        // the thread ended meanwhile
      }
    }
    return seconds;
  }

  /** Resident set size in MiB, from {@code /proc/<pid>/status} (0 when unknown). */
  static double residentMiB(long pid) {
    return Math.max(0, status(pid, "VmRSS")) / 1024.0 / 1024.0;
  }

  /** A line of {@code /proc/<pid>/status} (e.g. VmRSS, VmHWM) in bytes (its values are in kB); -1 when unknown. */
  static long status(long pid, String field) {
    try {
      for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith(field + ":")) {
          return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
        }
      }
    } catch (java.io.IOException e) {
      return -1;
    }
    return -1;
  }

  /** CPU seconds so far of the process {@code pid} (0 once it is gone). */
  static double seconds(long pid) {
    return ProcessHandle.of(pid).map(CpuTime::seconds).orElse(0.0);
  }
}
