package io.tillstream.cli;

import io.tillstream.retail.generator.Progress;
import io.tillstream.retail.generator.Summary;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;

/** The block a run ends with, one {@code label: value} line per figure, plain numbers so scripts can read them. */
final class SummaryBlock {

    private SummaryBlock() {
    }

    static void print(PrintWriter out, Summary summary) {
        Progress p = summary.progress();
        line(out, "Sent", Long.toString(p.sent()));
        line(out, "Acknowledged", Long.toString(p.acknowledged()));
        line(out, "Failed", Long.toString(p.failed()));
        line(out, "Rejected input rows", Long.toString(p.rejected()));
        line(out, "Bytes", String.format(Locale.ROOT, "%d (%.1f per record, key and value)", p.bytes(),
            p.acknowledged() == 0 ? 0.0 : (double) p.bytes() / p.acknowledged()));
        line(out, "Elapsed", String.format(Locale.ROOT, "%.2f s", p.elapsed().toMillis() / 1000.0));
        line(out, "Records/s", String.format(Locale.ROOT, "%.0f", p.recordsPerSecond()));
        line(out, "MB/s", String.format(Locale.ROOT, "%.2f", p.megabytesPerSecond()));
        line(out, "Ack latency p50", millis(summary.latencyP50()));
        line(out, "Ack latency p99", millis(summary.latencyP99()));
        out.flush();
    }

    private static void line(PrintWriter out, String label, String value) {
        out.printf(Locale.ROOT, "%-21s%s%n", label + ":", value);
    }

    private static String millis(Duration duration) {
        return String.format(Locale.ROOT, "%.1f ms", duration.toNanos() / 1e6);
    }
}
