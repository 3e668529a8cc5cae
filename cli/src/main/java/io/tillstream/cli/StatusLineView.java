package io.tillstream.cli;

import io.tillstream.retail.generator.Progress;

import java.io.PrintWriter;
import java.util.Locale;

/** One line of counts per update, for logs and pipes, where a progress bar would be noise. */
final class StatusLineView implements ProgressView {

    private final PrintWriter err;

    StatusLineView(PrintWriter err) {
        this.err = err;
    }

    @Override
    public void show(Progress progress) {
        err.printf(Locale.ROOT, "%d sent, %d acknowledged, %d failed, %d rejected input rows, %.0f records/s%n",
            progress.sent(), progress.acknowledged(), progress.failed(), progress.rejected(), progress.recordsPerSecond());
        err.flush();
    }

    @Override
    public void finish(Progress last) {
        // The summary follows with the final counts.
    }
}
