package io.tillstream.sink;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.function.LongPredicate;

import static org.assertj.core.api.Assertions.assertThat;

class RollPolicyTest {

    private final RollPolicy policy = new RollPolicy(1000, 1 << 20, Duration.ofMinutes(1));

    @Test
    void filesRollOnWhicheverLimitComesFirst() {
        assertThat(policy.due(999, 59_999, holding((1 << 20) - 1))).isFalse();
        assertThat(policy.due(1000, 0, holding(0))).isTrue();
        assertThat(policy.due(1, 0, holding(1 << 20))).isTrue();
        assertThat(policy.due(1, 60_000, holding(1))).isTrue();
    }

    @Test
    void theFilesAreNotMeasuredWhenTheCountOrAgeDecides() {
        assertThat(policy.due(1000, 0, limit -> {
            throw new AssertionError("measured");
        })).isTrue();
    }

    private static LongPredicate holding(long bytes) {
        return limit -> bytes >= limit;
    }
}
