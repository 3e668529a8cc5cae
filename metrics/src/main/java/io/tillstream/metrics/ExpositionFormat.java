package io.tillstream.metrics;

import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.OpenMetricsTextFormatWriter;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Locale;

/**
 * The two text formats a scrape may ask for: OpenMetrics when its {@code Accept} header names
 * {@code application/openmetrics-text}, Prometheus' text format for anything else, an unknown or
 * missing {@code Accept} included (Prometheus' protobuf format is not offered).
 */
public enum ExpositionFormat {

    TEXT(PrometheusTextFormatWriter.create()),
    OPENMETRICS(OpenMetricsTextFormatWriter.create());

    private static final String OPENMETRICS_MEDIA_TYPE = "application/openmetrics-text";

    private final ExpositionFormatWriter writer;

    ExpositionFormat(ExpositionFormatWriter writer) {
        this.writer = writer;
    }

    /** The format to answer a request with {@code accept} (null when the request had none). */
    public static ExpositionFormat forAccept(String accept) {
        if (accept == null) {
            return TEXT;
        }
        for (String range : accept.split(",")) {
            String[] parts = range.split(";", -1);
            if (parts[0].trim().toLowerCase(Locale.ROOT).equals(OPENMETRICS_MEDIA_TYPE) && !refused(parts)) {
                return OPENMETRICS;
            }
        }
        return TEXT;
    }

    /** A media range with {@code q=0} says the client does not take it. */
    private static boolean refused(String[] parameters) {
        for (int i = 1; i < parameters.length; i++) {
            String[] pair = parameters[i].split("=", 2);
            if (pair.length == 2 && pair[0].trim().equalsIgnoreCase("q")) {
                try {
                    return Double.parseDouble(pair[1].trim()) <= 0;
                } catch (NumberFormatException e) {
                    return false;
                }
            }
        }
        return false;
    }

    public String contentType() {
        return writer.getContentType();
    }

    public void write(OutputStream out, MetricSnapshots snapshots) throws IOException {
        writer.write(out, snapshots, EscapingScheme.UNDERSCORE_ESCAPING);
    }
}
