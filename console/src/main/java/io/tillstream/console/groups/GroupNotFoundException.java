package io.tillstream.console.groups;

/** Kafka knows no consumer group of the id asked for. */
public final class GroupNotFoundException extends RuntimeException {

    public GroupNotFoundException(String groupId) {
        super("There is no consumer group " + groupId + ".");
    }
}
