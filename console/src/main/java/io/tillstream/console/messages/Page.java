package io.tillstream.console.messages;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.List;
import java.util.Locale;

/**
 * One browse's answer, newest first. {@code truncated} is null when every record of the window asked
 * for is here; otherwise it says why some are not, so the UI never shows less without saying so.
 */
record Page(List<Message> messages, Truncated truncated) {

    /** Why a page holds fewer records than its window. */
    enum Truncated {
        /** The oldest records were left out to keep the page within messages.max.bytes. */
        BYTES,
        /** Kafka did not deliver the whole window within console.request.timeout.ms. */
        TIMEOUT;

        @JsonValue
        String json() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
