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
        return format(nextNumber());
    }

    /** The next code's number, the digits after its letter. */
    long nextNumber() {
        return number(next++);
    }

    String code(long index) {
        return format(number(index));
    }

    /** The code whose digits are {@code number}. */
    String format(long number) {
        return prefix + Long.toString(number);
    }

    /** The code whose digits are {@code number}, as its ASCII bytes: what a string of it would encode to, without the string. */
    byte[] ascii(long number) {
        int digits = 1;
        for (long rest = number / 10; rest != 0; rest /= 10) {
            digits++;
        }
        byte[] code = new byte[1 + digits];
        code[0] = (byte) prefix;
        for (int i = digits; i > 0; i--) {
            code[i] = (byte) ('0' + number % 10);
            number /= 10;
        }
        return code;
    }

    private long number(long index) {
        return index < SPAN ? FIRST + Math.floorMod(STEP * index + offset, SPAN) : FIRST + index;
    }
}
