package io.tillstream.retail.generator;

import java.time.Duration;
import java.util.Optional;

/**
 * How a finished run went: every sent record is either acknowledged or failed by the time this exists.
 *
 * @param progress   the final counts
 * @param latencyP50 median time from send to acknowledgement
 * @param latencyP99 99th percentile of it
 * @param failure    why sending stopped early or records failed, if it did
 */
public record Summary(Progress progress, Duration latencyP50, Duration latencyP99, Optional<String> failure) {

    /** True if every record that was sent was acknowledged. Rejected input rows do not count against it. */
    public boolean delivered() {
        return progress.acknowledged() == progress.sent() && failure.isEmpty();
    }
}
