package io.tillstream.retail;

/**
 * Unique codes in the dataset's form, a letter and six digits ({@code I138884}), that look random but
 * never repeat: the {@code i}-th code is an affine permutation of 100000..999999. After those 900,000
 * codes the sequence goes on with seven digits and more, still unique.
 */
final class CodeSequence {

    private static final long FIRST = 100_000;
    private static final long SPAN = 900_000;
    /** Coprime with 900,000 (= 2^5 3^2 5^5), so {@code i -> (STEP * i + offset) mod SPAN} is a bijection. */
    private static final long STEP = 7_919 * 13;

    private final char prefix;
    private final long offset;
    private long next;

    CodeSequence(char prefix, long seed) {
        this.prefix = prefix;
        this.offset = Math.floorMod(seed, SPAN);
    }

    String next() {
        return code(next++);
    }

    String code(long index) {
        long number = index < SPAN ? FIRST + Math.floorMod(STEP * index + offset, SPAN) : FIRST + index;
        return prefix + Long.toString(number);
    }
}
