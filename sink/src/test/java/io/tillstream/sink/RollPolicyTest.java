package io.tillstream.sink;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class RollPolicyTest {

    private final RollPolicy policy = new RollPolicy(1000, 1 << 20, Duration.ofMinutes(1), 4 << 20);

    @Test
    void filesRollOnWhicheverLimitComesFirst() {
        assertThat(policy.due(999, (1 << 20) - 1, 59_999, 4 << 20)).isFalse();
        assertThat(policy.due(1000, 0, 0, 0)).isTrue();
        assertThat(policy.due(1, 1 << 20, 0, 0)).isTrue();
        assertThat(policy.due(1, 1, 60_000, 0)).isTrue();
        // Every partition together past the memory bound: even a small batch rolls.
        assertThat(policy.due(1, 1, 0, (4 << 20) + 1)).isTrue();
    }
}
