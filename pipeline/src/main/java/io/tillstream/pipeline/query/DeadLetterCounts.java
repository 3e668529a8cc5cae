package io.tillstream.pipeline.query;

import io.tillstream.retail.DeadLetters;

import java.util.List;
import java.util.Map;

/** Records sent to the dead-letter topic: in all, and per error class. */
public record DeadLetterCounts(long total, long decode, long invalid) {

    static DeadLetterCounts of(Map<String, Long> byClass) {
        long decode = byClass.getOrDefault(DeadLetters.DECODE, 0L);
        long invalid = byClass.getOrDefault(DeadLetters.INVALID, 0L);
        return new DeadLetterCounts(decode + invalid, decode, invalid);
    }

    static DeadLetterCounts sum(List<DeadLetterCounts> answers) {
        return new DeadLetterCounts(answers.stream().mapToLong(DeadLetterCounts::total).sum(),
            answers.stream().mapToLong(DeadLetterCounts::decode).sum(),
            answers.stream().mapToLong(DeadLetterCounts::invalid).sum());
    }
}
