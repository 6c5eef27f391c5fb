package io.choreography.tracker.service.ocel;

import java.io.OutputStream;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.core.io.buffer.DataBufferUtils;
import reactor.core.publisher.Flux;

/**
 * The HTTP side of exports: at most {@link #CONCURRENT} at once (each holds a point in time in Elasticsearch and a
 * thread), each written on a thread of its own into a stream whose writes wait for the client's demand, so a slow
 * client slows the export down instead of making it buffer.
 */
public final class OcelExports implements AutoCloseable {

  static final int CONCURRENT = 2;
  private static final int CHUNK_BYTES = 16 * 1024;
  private static final Logger LOG = LoggerFactory.getLogger(OcelExports.class);

  private final OcelExport export;
  private final Semaphore running = new Semaphore(CONCURRENT);
  private final AtomicInteger threads = new AtomicInteger();
  private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "tracker-ocel-export-" + threads.incrementAndGet());
    t.setDaemon(true);
    return t;
  });

  public OcelExports(OcelExport export) {
    this.export = export;
  }

  public OcelExport export() {
    return export;
  }

  /** Signalled by a body subscribed while {@link #CONCURRENT} exports run, before any byte. */
  public static final class Busy extends RuntimeException {
    Busy() {
      super(CONCURRENT + " OCEL exports are running already; try again later");
    }
  }

  /** Whether {@link #CONCURRENT} exports run (a body subscribed now would signal {@link Busy}). */
  public boolean busy() {
    return running.availablePermits() == 0;
  }

  /**
   * The log as a body. Its place among the {@link #CONCURRENT} is taken when it is subscribed (a body never
   * subscribed, e.g. for a client gone first, takes none) and given back when it ends, however it ends.
   */
  public Flux<DataBuffer> body(OcelQuery query, DataBufferFactory buffers) {
    Consumer<OutputStream> write = out -> {
      try {
        OcelExport.Summary s = export.write(query, out, OcelExport.Progress.NONE);
        LOG.info("OCEL export of {} from {} to {}: {} events, {} objects", query.process() == null ? "every process"
            : query.process(), query.from(), query.to(), s.events(), s.objects());
      } catch (RuntimeException e) {
        LOG.warn("OCEL export of {} from {} to {} broke off: {}", query.process(), query.from(), query.to(),
            e.toString());
        throw e;
      }
    };
    return Flux.defer(() -> {
      if (!running.tryAcquire()) {
        return Flux.error(new Busy());
      }
      return Flux.from(DataBufferUtils.outputStreamPublisher(write, buffers, executor, CHUNK_BYTES))
          .doFinally(signal -> running.release());
    });
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
