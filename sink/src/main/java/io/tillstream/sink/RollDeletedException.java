package io.tillstream.sink;

/**
 * A temporary file of a roll was deleted while the roll was being written: the partition's new owner deletes
 * the temporary files of rolls the group never committed when it is assigned the partition, and this member
 * had lost it without noticing yet (a zombie). The roll is dropped and the partition read again from its last
 * commit, rather than the sink stopping; nothing of the roll was published.
 */
final class RollDeletedException extends SinkException {

    RollDeletedException(String message, Throwable cause) {
        super(message, cause);
    }
}
