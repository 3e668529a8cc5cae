package io.tillstream.registry.store;

/** How far the reader has applied the log, for writers that must not answer before their record is applied. */
final class OffsetWatcher {

    private long applied;

    /** Everything below {@code nextOffset} has been applied. */
    synchronized void appliedUpTo(long nextOffset) {
        if (nextOffset > applied) {
            applied = nextOffset;
            notifyAll();
        }
    }

    synchronized long applied() {
        return applied;
    }

    /** Waits until the record at {@code offset} has been applied; false on timeout. */
    synchronized boolean awaitApplied(long offset, long timeoutMs) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000;
        while (applied <= offset) {
            long leftMs = (deadline - System.nanoTime()) / 1_000_000;
            if (leftMs <= 0) {
                return false;
            }
            wait(leftMs);
        }
        return true;
    }
}
