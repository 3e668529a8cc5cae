package io.tillstream.registry.leader;

import io.tillstream.registry.model.ErrorCode;
import io.tillstream.registry.model.RegistryException;
import io.tillstream.registry.store.LogWriter;
import io.tillstream.registry.store.StoreWriteException;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * Who leads the registry instances of one {@code _schemas} topic, as the last election said, and this
 * instance's log writer while it leads. Writers ask it before each write: during an election they
 * wait for its outcome, on a follower they learn where to forward.
 */
public final class Leadership {

    private enum State { ELECTING, LED, LEADERLESS }

    private final Supplier<LogWriter> openWriter;
    private final long timeoutMs;
    /** Known once the instance listens, since its URL carries the port it got. */
    private volatile RegistryInstance self;
    private State state = State.ELECTING;
    private RegistryInstance leader;
    /** The last election's winner, kept through the next election so that it can win again. */
    private RegistryInstance lastElected;
    private LogWriter writer;

    /**
     * @param openWriter opens this instance's log writer (fencing any other) when it is elected
     * @param timeoutMs  how long a write waits for an election to end
     */
    public Leadership(Supplier<LogWriter> openWriter, long timeoutMs) {
        this.openWriter = openWriter;
        this.timeoutMs = timeoutMs;
    }

    /** Names this instance, before it joins an election. */
    void identify(RegistryInstance self) {
        this.self = self;
    }

    public RegistryInstance self() {
        return self;
    }

    /** An election has begun: nobody leads until it ends, and this instance stops writing. */
    synchronized void electionStarted() {
        state = State.ELECTING;
        leader = null;
        closeWriter();
    }

    /**
     * An election ended with {@code elected} leading, or nobody (no instance may lead). When this
     * instance won, it opens its writer now, so the first write after a fail-over does not pay for it.
     */
    synchronized void electionEnded(RegistryInstance elected) {
        closeWriter();
        state = elected == null ? State.LEADERLESS : State.LED;
        leader = elected;
        lastElected = elected;
        notifyAll();
        if (elected != null && elected.equals(self)) {
            try {
                writer = openWriter.get();
            } catch (StoreWriteException e) {
                // writer() tries again on the first write.
                writer = null;
            }
        }
    }

    public synchronized boolean isLeader() {
        return state == State.LED && leader.equals(self);
    }

    /** Whether this instance won the last election, even if a new one has begun since. */
    synchronized boolean wonLastElection() {
        return lastElected != null && lastElected.equals(self);
    }

    /** The leader as far as this instance knows, without waiting. */
    public synchronized Optional<RegistryInstance> leader() {
        return Optional.ofNullable(leader);
    }

    /**
     * This instance's writer, once an election in progress has ended with this instance leading.
     *
     * @throws NotLeaderException if another instance leads
     * @throws RegistryException  {@code 50004} if nobody leads, or no election ends in time
     */
    public synchronized LogWriter writer() {
        awaitElection();
        if (state == State.LEADERLESS || leader == null) {
            throw new RegistryException(ErrorCode.UNKNOWN_LEADER, "No registry instance leads: none of those running"
                + " is leader-eligible, or the election has not ended within " + timeoutMs + " ms");
        }
        if (!leader.equals(self)) {
            throw new NotLeaderException(leader);
        }
        if (writer == null || !writer.isOpen()) {
            writer = openWriter.get();
        }
        return writer;
    }

    /** The leader once an election in progress has ended, empty if nobody leads. */
    public synchronized Optional<RegistryInstance> awaitLeader() {
        awaitElection();
        return Optional.ofNullable(leader);
    }

    private void awaitElection() {
        long deadline = System.currentTimeMillis() + timeoutMs;
        try {
            while (state == State.ELECTING) {
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) {
                    return;
                }
                wait(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** This instance has left the election: it writes nothing more and no longer knows who leads. */
    synchronized void close() {
        closeWriter();
        state = State.LEADERLESS;
        leader = null;
        notifyAll();
    }

    private void closeWriter() {
        if (writer != null) {
            writer.close();
            writer = null;
        }
    }
}
