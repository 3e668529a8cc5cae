package io.tillstream.console.messages;

import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/**
 * Bounds how many message browses read at once. A browse over the limit is refused at once rather
 * than queued: a waiting request would hold a server thread, and the user can simply retry.
 */
final class BrowseSlots {

    private final int slots;
    private final Semaphore free;

    BrowseSlots(int slots) {
        this.slots = slots;
        this.free = new Semaphore(slots);
    }

    <T> T run(Supplier<T> browse) {
        if (!free.tryAcquire()) {
            throw new TooManyBrowsesException(slots + " message browses are already running "
                + "(messages.max.concurrent.browses): try again when one has finished.");
        }
        try {
            return browse.get();
        } finally {
            free.release();
        }
    }
}
