package io.tillstream.pipeline.topology;

import io.tillstream.pipeline.EnrichedSale;

/** What validation makes of a raw record: an enriched sale, or the original bytes for the dead-letter topic. */
sealed interface Checked {

    record Accepted(EnrichedSale sale) implements Checked {
    }

    /** The headers saying why travel on the record itself. */
    record Rejected(byte[] original) implements Checked {
    }
}
