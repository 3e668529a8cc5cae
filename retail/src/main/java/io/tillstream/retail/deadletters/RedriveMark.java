package io.tillstream.retail.deadletters;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * That a dead letter was sent back to its source: how many times, by which request, when, and where to
 * ({@code topic:partition:offset}). Kept in the dead-letter topic's marks topic ({@link DeadLetterLog#marksTopic}),
 * keyed by the dead letter's {@code partition:offset}, written in the same transaction as the record sent.
 */
public record RedriveMark(int count, String requestId, long at, String sentTo) {

    private static final ObjectMapper JSON = new ObjectMapper();

    byte[] toBytes() {
        try {
            return JSON.writeValueAsBytes(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a mark is always JSON", e);
        }
    }

    /** Null for a value that is no mark (a tombstone, or something not ours). */
    static RedriveMark fromBytes(byte[] value) {
        if (value == null) {
            return null;
        }
        try {
            return JSON.readValue(value, RedriveMark.class);
        } catch (IOException e) {
            return null;
        }
    }

    static byte[] key(DeadLetter.RecordId id) {
        return id.toString().getBytes(StandardCharsets.UTF_8);
    }
}
