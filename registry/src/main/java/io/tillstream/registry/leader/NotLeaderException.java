package io.tillstream.registry.leader;

/**
 * A write reached an instance that does not lead: the HTTP layer forwards it to {@link #leader()}.
 * Thrown before anything is written.
 */
public final class NotLeaderException extends RuntimeException {

    private final RegistryInstance leader;

    public NotLeaderException(RegistryInstance leader) {
        super("this instance does not lead; " + leader.url() + " does");
        this.leader = leader;
    }

    public RegistryInstance leader() {
        return leader;
    }
}
