package io.tillstream.console.messages;

import java.util.concurrent.Semaphore;

/**
 * Bounds how many searches and exports read at once: each holds a server thread and a consumer for
 * as long as it streams. One more is refused at once, as {@link BrowseSlots} refuses a browse.
 */
final class ScanSlots {

    /** A slot taken; closing it gives it back. */
    interface Slot extends AutoCloseable {
        @Override
        void close();
    }

    private final int slots;
    private final Semaphore free;

    ScanSlots(int slots) {
        this.slots = slots;
        this.free = new Semaphore(slots);
    }

    Slot take() {
        if (!free.tryAcquire()) {
            throw new TooManyScansException(slots + " searches or exports are already running "
                + "(messages.max.concurrent.scans): try again when one has finished, or cancel one.");
        }
        return free::release;
    }
}
