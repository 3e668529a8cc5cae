package io.tillstream.retail.generator;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class LatencyHistogramTest {

    @Test
    void anEmptyHistogramReportsZero() {
        assertThat(new LatencyHistogram().percentile(99)).isZero();
    }

    @Test
    void smallValuesAreCountedExactly() {
        LatencyHistogram histogram = new LatencyHistogram();
        for (int value = 0; value < 10; value++) {
            histogram.record(value);
        }
        assertThat(histogram.percentile(50)).isEqualTo(4);
        assertThat(histogram.percentile(100)).isEqualTo(9);
        assertThat(histogram.count()).isEqualTo(10);
    }

    @Test
    void percentilesOfAUniformSpreadAreWithinTheBucketPrecisionAndNeverBelowTheTruth() {
        LatencyHistogram histogram = new LatencyHistogram();
        for (int value = 1; value <= 100_000; value++) {
            histogram.record(value);
        }
        assertThat(histogram.percentile(50)).isBetween(50_000L, 50_000L + 50_000L / LatencyHistogram.SUB_BUCKETS);
        assertThat(histogram.percentile(99)).isBetween(99_000L, 99_000L + 99_000L / LatencyHistogram.SUB_BUCKETS);
    }

    @Test
    void everyValueFallsInABucketWhoseUpperBoundHoldsIt() {
        for (long value = 0; value < 1 << 20; value += 7) {
            int bucket = LatencyHistogram.bucket(value);
            assertThat(LatencyHistogram.upperBound(bucket)).isGreaterThanOrEqualTo(value);
            assertThat(bucket == 0 || LatencyHistogram.upperBound(bucket - 1) < value).isTrue();
        }
    }

    @Test
    void hugeAndNegativeValuesAreClampedInsteadOfFailing() {
        LatencyHistogram histogram = new LatencyHistogram();
        histogram.record(Long.MAX_VALUE);
        histogram.record(-5);
        assertThat(histogram.count()).isEqualTo(2);
        assertThat(histogram.percentile(50)).isZero();
        assertThat((double) histogram.percentile(100)).isCloseTo(Math.pow(2, 41), within(1.0));
    }
}
