package io.tillstream.console.deadletters;

import io.tillstream.console.http.ConsoleException;
import io.tillstream.retail.deadletters.DeadLetter;
import io.tillstream.retail.deadletters.DeadLetterFilter;
import io.tillstream.retail.deadletters.Redrive;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The body of {@code POST /dead-letters/{topic}/redrive}: the dead letters named ({@code records}, each
 * {@code PARTITION:OFFSET} in the dead-letter topic) or all that match {@code filter}; {@code requestId} names the
 * request so that sending it again sends nothing twice; {@code force} sends what was redriven before or too often.
 */
record RedriveRequest(String requestId, List<String> records, Filter filter, boolean force, boolean dryRun) {

    /** The listing's filter, as its query parameters name it. */
    record Filter(String group, String errorClass, String reason, Integer sourcePartition, Long sourceFromOffset,
                  Long sourceToOffset, Long from, Long to) {
    }

    Redrive.Request toRequest(int limit) {
        if (requestId == null || requestId.isBlank() || requestId.length() > 100) {
            throw ConsoleException.badRequest("requestId is required (up to 100 characters): it makes asking again safe.");
        }
        boolean named = records != null && !records.isEmpty();
        if (named == (filter != null)) {
            throw ConsoleException.badRequest("Name the records to redrive, or give a filter: one of the two.");
        }
        try {
            DeadLetterFilter selection = named
                ? DeadLetterFilter.of(records.stream().map(DeadLetter.RecordId::parse).collect(Collectors.toSet()))
                : new DeadLetterFilter(Set.of(), filter.group(), filter.errorClass(), filter.reason(),
                    filter.sourcePartition(), filter.sourceFromOffset(), filter.sourceToOffset(), filter.from(), filter.to());
            return new Redrive.Request(requestId, selection, force, limit, dryRun);
        } catch (IllegalArgumentException e) {
            throw ConsoleException.badRequest("Cannot redrive: " + e.getMessage() + ".");
        }
    }
}
