package io.tillstream.sink;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;

import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Names one roll of one partition: its files' temporary names carry it ({@code .<name>.<token>.tmp}), and
 * the offset commit that makes the roll count carries it as its metadata, so whoever owns the partition
 * next knows which temporary files the group has committed to (publish them) and which are a failed
 * roll's (delete them). The token alone is enough: the owner walks the lake for its partitions'
 * temporary files anyway, and a token stays far below the broker's {@code offset.metadata.max.bytes}
 * (4096 by default) whatever the number of day directories.
 */
record RollToken(String value) {

    private static final String METADATA_PREFIX = "tillstream-sink roll ";

    static RollToken next() {
        return new RollToken(Long.toHexString(ThreadLocalRandom.current().nextLong()));
    }

    /** The commit of {@code offset} that publishes this roll. */
    OffsetAndMetadata commit(long offset) {
        return new OffsetAndMetadata(offset, METADATA_PREFIX + value);
    }

    /** The roll a commit publishes; empty for a commit without one (an idle partition's, another program's). */
    static Optional<RollToken> of(OffsetAndMetadata committed) {
        if (committed == null || committed.metadata() == null || !committed.metadata().startsWith(METADATA_PREFIX)) {
            return Optional.empty();
        }
        return Optional.of(new RollToken(committed.metadata().substring(METADATA_PREFIX.length())));
    }
}
