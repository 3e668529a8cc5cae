package io.tillstream.cli;

import io.tillstream.retail.generator.Progress;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Updates a {@link ProgressView} from a background thread while a run goes on: a progress bar on a
 * terminal, otherwise a status line every {@link #STATUS_PERIOD}.
 */
final class ProgressDisplay implements AutoCloseable {

    static final Duration STATUS_PERIOD = Duration.ofSeconds(5);
    private static final Duration BAR_PERIOD = Duration.ofMillis(250);

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "tillstream-progress");
        thread.setDaemon(true);
        return thread;
    });
    private final ProgressView view;
    private final Supplier<Progress> progress;

    private ProgressDisplay(ProgressView view, Supplier<Progress> progress, Duration period) {
        this.view = view;
        this.progress = progress;
        timer.scheduleAtFixedRate(() -> view.show(progress.get()), period.toMillis(), period.toMillis(),
            TimeUnit.MILLISECONDS);
    }

    static ProgressDisplay start(Supplier<Progress> progress, OptionalLong count, PrintWriter err) {
        if (System.console() != null) {
            return new ProgressDisplay(new ProgressBarView(count), progress, BAR_PERIOD);
        }
        return new ProgressDisplay(new StatusLineView(err), progress, STATUS_PERIOD);
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            view.finish(progress.get());
        }
    }
}
