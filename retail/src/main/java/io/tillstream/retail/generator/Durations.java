package io.tillstream.retail.generator;

import java.time.Duration;

/** Durations in messages, as the command line takes them: {@code 30s}, {@code 1500ms}. */
final class Durations {

    private Durations() {
    }

    static String format(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
    }
}
