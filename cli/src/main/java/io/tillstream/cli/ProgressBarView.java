package io.tillstream.cli;

import io.tillstream.retail.generator.Progress;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.OptionalLong;

/** A progress bar on the terminal: records sent, their rate, and with a known count the ETA. */
final class ProgressBarView implements ProgressView {

    private final ProgressBar bar;

    /** @param count the number of records the run will send, if known */
    ProgressBarView(OptionalLong count) {
        this.bar = new ProgressBarBuilder()
            .setTaskName("Sending")
            .setInitialMax(count.orElse(-1))
            .setUnit(" rec", 1)
            .showSpeed()
            .setSpeedUnit(ChronoUnit.SECONDS)
            .setStyle(ProgressBarStyle.ASCII)
            .setUpdateIntervalMillis(250)
            .build();
    }

    @Override
    public void show(Progress progress) {
        bar.stepTo(progress.sent());
        // The bar writes the message right after the speed, so it brings its own separator.
        bar.setExtraMessage(String.format(Locale.ROOT, " | %d acked%s", progress.acknowledged(),
            progress.failed() + progress.rejected() == 0 ? ""
                : String.format(Locale.ROOT, ", %d failed, %d rejected", progress.failed(), progress.rejected())));
    }

    @Override
    public void finish(Progress last) {
        show(last);
        bar.close();
    }
}
