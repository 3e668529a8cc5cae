package io.tillstream.cli;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Lets Ctrl-C or SIGTERM end a run gracefully: the hook asks the run to stop, then holds the JVM
 * (which exits as soon as its hooks return) until the command has reported, or a grace period passed.
 */
final class StopOnSignal implements AutoCloseable {

    private final CountDownLatch reported = new CountDownLatch(1);
    private final Thread hook;

    private StopOnSignal(Runnable stop, Duration grace) {
        this.hook = new Thread(() -> {
            stop.run();
            try {
                reported.await(grace.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "tillstream-stop");
    }

    /** Installs the hook until {@link #close()}, which says the command has reported. */
    static StopOnSignal install(Runnable stop, Duration grace) {
        StopOnSignal signal = new StopOnSignal(stop, grace);
        Runtime.getRuntime().addShutdownHook(signal.hook);
        return signal;
    }

    @Override
    public void close() {
        reported.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // The JVM is exiting on a signal and the hook is running; it returns now that we reported.
        }
    }
}
