package io.tillstream.console.messages;

import java.util.concurrent.Semaphore;

/**
 * Bounds how many whole-topic reads run at once for a cluster: searches, exports and the dead-letter pages' and
 * redrives' scans each hold a server thread and a consumer for as long as they read. One more is refused at once,
 * as {@link BrowseSlots} refuses a browse.
 */
public final class ScanSlots {

    /** A slot taken; closing it gives it back. */
    public interface Slot extends AutoCloseable {
        @Override
        void close();
    }

    private final int slots;
    private final Semaphore free;

    public ScanSlots(int slots) {
        this.slots = slots;
        this.free = new Semaphore(slots);
    }

    public Slot take() {
        if (!free.tryAcquire()) {
            throw new TooManyScansException(slots + " searches, exports or dead-letter scans are already running "
                + "(messages.max.concurrent.scans): try again when one has finished, or cancel one.");
        }
        return free::release;
    }
}
