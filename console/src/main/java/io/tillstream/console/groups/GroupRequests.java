package io.tillstream.console.groups;

import io.tillstream.console.http.ConsoleException;

import java.util.Locale;

/** Group ids and the body of an offset reset, each checked here before Kafka sees it. */
final class GroupRequests {

    /** Kafka sets no limit on group ids; one this long is a mistake, not a group. */
    static final int MAX_ID_LENGTH = 255;

    private GroupRequests() {
    }

    /** Where to move a group's committed offsets. */
    enum Target { EARLIEST, LATEST, TIMESTAMP }

    /**
     * {@code to} is earliest, latest or timestamp; {@code timestamp} (epoch millis) goes with the
     * last; {@code topic} limits the reset to that topic's partitions, null means every partition
     * the group has committed offsets for.
     */
    record OffsetReset(String to, Long timestamp, String topic) {

        Target target() {
            if (to == null) {
                throw ConsoleException.badRequest("Say where to reset the offsets: to is earliest, latest or timestamp.");
            }
            try {
                return Target.valueOf(to.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw ConsoleException.badRequest("to is earliest, latest or timestamp, not '" + to + "'.");
            }
        }

        void validate() {
            Target target = target();
            if (target == Target.TIMESTAMP && (timestamp == null || timestamp < 0)) {
                throw ConsoleException.badRequest("A reset to a timestamp needs timestamp, in milliseconds since 1970.");
            }
            if (target != Target.TIMESTAMP && timestamp != null) {
                throw ConsoleException.badRequest("timestamp only goes with \"to\": \"timestamp\".");
            }
            if (topic != null && topic.isBlank()) {
                throw ConsoleException.badRequest("topic is a topic's name, or left out for every topic of the group.");
            }
        }
    }

    static String requireId(String id) {
        if (id == null || id.isEmpty()) {
            throw ConsoleException.badRequest("A group id cannot be empty.");
        }
        if (id.length() > MAX_ID_LENGTH) {
            throw ConsoleException.badRequest("A group id has at most " + MAX_ID_LENGTH + " characters, not " + id.length() + ".");
        }
        if (id.chars().anyMatch(Character::isISOControl)) {
            throw ConsoleException.badRequest("A group id cannot contain control characters.");
        }
        return id;
    }
}
