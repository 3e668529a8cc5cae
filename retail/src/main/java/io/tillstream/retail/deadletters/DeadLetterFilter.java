package io.tillstream.retail.deadletters;

import java.util.Locale;
import java.util.Set;

/**
 * Which dead letters a listing or a redrive takes: the ones named ({@code records}, their place in the dead-letter
 * topic), or all that match every condition given (a null condition matches all). {@code reason} matches a part of the
 * reason, ignoring case; the source offsets and times are inclusive ranges, times in epoch milliseconds.
 */
public record DeadLetterFilter(Set<DeadLetter.RecordId> records, String group, String errorClass, String reason,
                               Integer sourcePartition, Long sourceFromOffset, Long sourceToOffset, Long fromTime,
                               Long toTime) {

    public static final DeadLetterFilter ALL = new DeadLetterFilter(null, null, null, null, null, null, null, null, null);

    public DeadLetterFilter {
        records = records == null || records.isEmpty() ? null : Set.copyOf(records);
        reason = reason == null || reason.isBlank() ? null : reason.toLowerCase(Locale.ROOT);
        group = group == null || group.isBlank() ? null : group.trim();
        errorClass = errorClass == null || errorClass.isBlank() ? null : errorClass.trim();
        if (sourceFromOffset != null && sourceToOffset != null && sourceFromOffset > sourceToOffset) {
            throw new IllegalArgumentException("the source offsets' range " + sourceFromOffset + "-" + sourceToOffset
                + " is empty: the first is after the last");
        }
        if (fromTime != null && toTime != null && fromTime > toTime) {
            throw new IllegalArgumentException("the time range is empty: its start is after its end");
        }
    }

    /** The records named, and nothing else. */
    public static DeadLetterFilter of(Set<DeadLetter.RecordId> records) {
        return new DeadLetterFilter(records, null, null, null, null, null, null, null, null);
    }

    public boolean matches(DeadLetter letter) {
        if (records != null) {
            return records.contains(letter.id());
        }
        DeadLetter.Source source = letter.source();
        return (group == null || group.equals(letter.groupId()))
            && (errorClass == null || errorClass.equals(letter.errorClass()))
            && (reason == null || letter.reason().toLowerCase(Locale.ROOT).contains(reason))
            && (sourcePartition == null || source != null && source.partition() == sourcePartition)
            && (sourceFromOffset == null || source != null && source.offset() >= sourceFromOffset)
            && (sourceToOffset == null || source != null && source.offset() <= sourceToOffset)
            && (fromTime == null || letter.timestamp() >= fromTime)
            && (toTime == null || letter.timestamp() <= toTime);
    }
}
