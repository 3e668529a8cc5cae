package io.tillstream.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * Keeps a long-running command (up, registry, ...) alive until Ctrl-C, SIGTERM or {@link #request()},
 * then runs its clean-up before the JVM may exit.
 */
final class Shutdown {

    private static final Duration GRACE = Duration.ofSeconds(60);

    private final CountDownLatch requested = new CountDownLatch(1);

    /** Blocks until a stop is asked for, then prints progress around {@code cleanup} and runs it. */
    void runUntilStopped(PrintWriter out, Runnable cleanup) {
        try (StopOnSignal signal = StopOnSignal.install(this::request, GRACE)) {
            try {
                requested.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            out.println("Stopping...");
            out.flush();
            cleanup.run();
            out.println("Stopped.");
            out.flush();
        }
    }

    /** Asks the command to stop, as Ctrl-C would. */
    void request() {
        requested.countDown();
    }
}
