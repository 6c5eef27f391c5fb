package io.choreography.tracker.service.it;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.AppenderBase;
import java.util.Arrays;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.slf4j.LoggerFactory;

/**
 * What the tracker logs while this is open, from every logger and thread: for tests that require a quiet log
 * (no ERROR, no stack trace). The Kafka broker the tests run in the same JVM logs too; its own loggers are not
 * the tracker's and are left out (it logs retriable produce errors at ERROR, such as the out-of-order sequence a
 * transactional producer's pipelined batch gets right after an epoch bump, which the producer then retries).
 */
public final class LogCapture implements AutoCloseable {

  /** Loggers of the in-process broker and controller, not of the clients the tracker uses. */
  private static final List<String> BROKER_LOGGERS = List.of("kafka.", "state.change.logger",
      "org.apache.kafka.server", "org.apache.kafka.storage", "org.apache.kafka.raft", "org.apache.kafka.controller",
      "org.apache.kafka.metadata", "org.apache.kafka.image", "org.apache.kafka.coordinator",
      "org.apache.kafka.network", "org.apache.kafka.queue", "org.apache.kafka.security");

  private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  private final Queue<ILoggingEvent> events = new ConcurrentLinkedQueue<>();
  private final AppenderBase<ILoggingEvent> appender = new AppenderBase<>() {
    @Override
    protected void append(ILoggingEvent event) {
      if (BROKER_LOGGERS.stream().noneMatch(event.getLoggerName()::startsWith)) {
        events.add(event);
      }
    }
  };

  public LogCapture() {
    appender.setName("test-capture-" + System.identityHashCode(this));
    appender.setContext(root.getLoggerContext());
    appender.start();
    root.addAppender(appender);
  }

  /** Every ERROR and every event carrying a stack trace, one line each (logger, level, message, exception). */
  public List<String> errorsAndStackTraces() {
    return events.stream()
        .filter(e -> e.getLevel().isGreaterOrEqual(Level.ERROR) || e.getThrowableProxy() != null)
        .map(LogCapture::line)
        .toList();
  }

  /** The same, but for events of loggers that start with none of these prefixes. */
  public List<String> errorsAndStackTracesOutside(String... loggerPrefixes) {
    return events.stream()
        .filter(e -> e.getLevel().isGreaterOrEqual(Level.ERROR) || e.getThrowableProxy() != null)
        .filter(e -> Arrays.stream(loggerPrefixes).noneMatch(e.getLoggerName()::startsWith))
        .map(LogCapture::line)
        .toList();
  }

  /** Every event of WARN or above, one line each. */
  public List<String> warnings() {
    return events.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN)).map(LogCapture::line).toList();
  }

  private static String line(ILoggingEvent e) {
    IThrowableProxy t = e.getThrowableProxy();
    String message = e.getFormattedMessage();
    return e.getLevel() + " [" + e.getThreadName() + "] " + e.getLoggerName() + ": "
        + (message.length() > 300 ? message.substring(0, 300) + "..." : message)
        + (t == null ? "" : " <" + t.getClassName() + ": " + t.getMessage() + ">");
  }

  @Override
  public void close() {
    root.detachAppender(appender);
    appender.stop();
  }
}
