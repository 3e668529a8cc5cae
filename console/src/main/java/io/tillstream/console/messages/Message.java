package io.tillstream.console.messages;

import java.util.List;

/** A record in the message browser. */
public record Message(int partition, long offset, long timestamp, String timestampType, Payload key, Payload value,
                      List<Header> headers) {

    /** A header's value as UTF-8 text; headers carry small text tags in practice. */
    public record Header(String key, String value) {
    }
}
