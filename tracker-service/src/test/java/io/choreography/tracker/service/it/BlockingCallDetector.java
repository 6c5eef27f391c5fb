package io.choreography.tracker.service.it;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import reactor.blockhound.BlockHound;
import reactor.blockhound.BlockingOperationError;

/**
 * Installs BlockHound for the integration tests (failsafe sets {@code blockhound=true}; registered for every test
 * class by service loading): a blocking call on a thread that must never block (Netty's event loops, Reactor's
 * parallel scheduler) fails where it happens and is kept in {@link #found()}.
 */
public final class BlockingCallDetector implements BeforeAllCallback {

  private static final List<String> FOUND = new CopyOnWriteArrayList<>();
  private static boolean installed;

  @Override
  public void beforeAll(ExtensionContext context) {
    install();
  }

  static synchronized void install() {
    if (installed || !Boolean.getBoolean("blockhound")) {
      return;
    }
    installed = true;
    BlockHound.install(builder -> builder
        // Netty 4.2's adaptive allocator guards its magazines with a StampedLock held for a few instructions: not a
        // blocking call (a known false positive that Netty 4.2.18's own BlockHound integration does not cover yet)
        .allowBlockingCallsInside("io.netty.buffer.AdaptivePoolingAllocator$Magazine", "free")
        .allowBlockingCallsInside("io.netty.buffer.AdaptivePoolingAllocator$MagazineGroup", "tryExpandMagazines")
        .blockingMethodCallback(method -> {
          String where = method + " on " + Thread.currentThread().getName();
          FOUND.add(where);
          System.err.println("BLOCKING CALL " + where);
          throw new BlockingOperationError(method);
        }));
  }

  /** Whether BlockHound watches this JVM. */
  public static synchronized boolean installed() {
    return installed;
  }

  /** The blocking calls found so far. */
  public static List<String> found() {
    return List.copyOf(FOUND);
  }
}
