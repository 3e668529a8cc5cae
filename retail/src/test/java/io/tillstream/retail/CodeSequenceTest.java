package io.tillstream.retail;

import org.junit.jupiter.api.Test;

import java.util.BitSet;

import static org.assertj.core.api.Assertions.assertThat;

class CodeSequenceTest {

    @Test
    void theFirst900000CodesAreEverySixDigitNumberOnce() {
        CodeSequence codes = new CodeSequence('I', 123_456_789L);
        BitSet seen = new BitSet(1_000_000);
        for (int i = 0; i < 900_000; i++) {
            String code = codes.next();
            assertThat(code).hasSize(7).startsWith("I");
            int number = Integer.parseInt(code.substring(1));
            assertThat(seen.get(number)).as("repeated " + code).isFalse();
            seen.set(number);
        }
        assertThat(seen.cardinality()).isEqualTo(900_000);
        assertThat(seen.nextSetBit(0)).isEqualTo(100_000);
    }

    @Test
    void afterThemTheSequenceGoesOnWithLongerCodes() {
        CodeSequence codes = new CodeSequence('C', 7);

        assertThat(codes.code(900_000)).isEqualTo("C1000000");
        assertThat(codes.code(900_001)).isEqualTo("C1000001");
    }

    @Test
    void consecutiveCodesDoNotLookSequential() {
        CodeSequence codes = new CodeSequence('I', 0);
        int a = Integer.parseInt(codes.next().substring(1));
        int b = Integer.parseInt(codes.next().substring(1));

        assertThat(Math.abs(b - a)).isGreaterThan(1_000);
    }
}
