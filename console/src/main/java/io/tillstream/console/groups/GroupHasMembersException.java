package io.tillstream.console.groups;

/** A change to a group's offsets, or its deletion, while consumers are in it: they own its offsets. */
public final class GroupHasMembersException extends RuntimeException {

    public GroupHasMembersException(String message) {
        super(message);
    }
}
