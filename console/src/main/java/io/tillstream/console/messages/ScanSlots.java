package io.tillstream.console.messages;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Bounds how many whole-topic reads run at once: each holds a server thread and a consumer for as long
 * as it reads. Past the bound a read waits for a slot at most {@code wait} (zero: it is refused at once,
 * as {@link BrowseSlots} refuses a browse), then is refused with a message naming the setting.
 */
public final class ScanSlots {

    /** A slot taken; closing it gives it back. */
    public interface Slot extends AutoCloseable {
        @Override
        void close();
    }

    private final Semaphore free;
    private final long waitMs;
    private final String refusal;

    /** @param refusal what a refused read is told: how many of what run, and the setting that bounds them */
    public ScanSlots(int slots, Duration wait, String refusal) {
        this.free = new Semaphore(slots);
        this.waitMs = wait.toMillis();
        this.refusal = refusal;
    }

    public Slot take() {
        boolean taken;
        try {
            taken = free.tryAcquire(waitMs, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            taken = false;
        }
        if (!taken) {
            throw new TooManyScansException(refusal);
        }
        return free::release;
    }
}
