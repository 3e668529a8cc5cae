package io.tillstream.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Keeps a long-running command (up, registry, ...) alive until Ctrl-C, SIGTERM or {@link #request()},
 * then runs its clean-up. The JVM exits as soon as its shutdown hooks return, so the hook waits for
 * the clean-up to finish instead of doing it itself on a second thread.
 */
final class Shutdown {

    private static final Duration GRACE = Duration.ofSeconds(60);

    private final CountDownLatch requested = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);

    /** Blocks until a stop is asked for, then prints progress around {@code cleanup} and runs it. */
    void runUntilStopped(PrintWriter out, Runnable cleanup) {
        Thread hook = new Thread(this::stopAndWait, "tillstream-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            requested.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            out.println("Stopping...");
            out.flush();
            try {
                cleanup.run();
            } finally {
                out.println("Stopped.");
                out.flush();
                finished.countDown();
                removeHook(hook);
            }
        }
    }

    /** Asks the command to stop, as Ctrl-C would. */
    void request() {
        requested.countDown();
    }

    private void stopAndWait() {
        requested.countDown();
        try {
            finished.await(GRACE.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // The JVM is exiting on a signal and the hook is running; nothing to remove.
        }
    }
}
