package io.tillstream.metrics;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ExpositionFormatTest {

    @Test
    void openMetricsIsAnsweredWhenAskedFor() {
        assertThat(ExpositionFormat.forAccept("application/openmetrics-text")).isEqualTo(ExpositionFormat.OPENMETRICS);
    }

    @Test
    void prometheusOwnAcceptHeaderGetsOpenMetrics() {
        // What Prometheus 2.x sends by default.
        assertThat(ExpositionFormat.forAccept("application/openmetrics-text;version=1.0.0,application/openmetrics-text;"
            + "version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1")).isEqualTo(ExpositionFormat.OPENMETRICS);
    }

    @Test
    void mediaTypesAreCaseInsensitiveAndMayHaveSpaces() {
        assertThat(ExpositionFormat.forAccept("text/html, Application/OpenMetrics-Text ; version=1.0.0"))
            .isEqualTo(ExpositionFormat.OPENMETRICS);
    }

    @Test
    void openMetricsRefusedWithQZeroGetsText() {
        assertThat(ExpositionFormat.forAccept("application/openmetrics-text;q=0, text/plain")).isEqualTo(ExpositionFormat.TEXT);
    }

    @Test
    void textIsAnsweredForTextMissingUnknownOrGarbage() {
        assertThat(ExpositionFormat.forAccept("text/plain;version=0.0.4")).isEqualTo(ExpositionFormat.TEXT);
        assertThat(ExpositionFormat.forAccept(null)).isEqualTo(ExpositionFormat.TEXT);
        assertThat(ExpositionFormat.forAccept("application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily"))
            .isEqualTo(ExpositionFormat.TEXT);
        assertThat(ExpositionFormat.forAccept("application/json")).isEqualTo(ExpositionFormat.TEXT);
        assertThat(ExpositionFormat.forAccept(";;,,=")).isEqualTo(ExpositionFormat.TEXT);
        assertThat(ExpositionFormat.forAccept("")).isEqualTo(ExpositionFormat.TEXT);
    }

    @Test
    void contentTypesAreTheFormatsOwn() {
        assertThat(ExpositionFormat.TEXT.contentType()).startsWith("text/plain; version=0.0.4");
        assertThat(ExpositionFormat.OPENMETRICS.contentType()).startsWith("application/openmetrics-text; version=1.0.0");
    }
}
