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

  /** A place for one more export, or false when {@link #CONCURRENT} run; release it with {@link #release()}. */
  public boolean tryAcquire() {
    return running.tryAcquire();
  }

  public void release() {
    running.release();
  }

  /** The log as a body; releases the place taken by {@link #tryAcquire()} when it ends, however it ends. */
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
    return Flux.from(DataBufferUtils.outputStreamPublisher(write, buffers, executor, CHUNK_BYTES))
        .doFinally(signal -> release());
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
