package io.tillstream.serde;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Confluent's wire format for JSON Schema, written by hand for tests to compare with. */
final class JsonWireFormat {

    private JsonWireFormat() {
    }

    /** Magic byte 0, the ID big-endian (as ByteBuffer writes an int), then the JSON as UTF-8. */
    static byte[] bytes(int id, String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(5 + body.length).put((byte) 0).putInt(id).put(body).array();
    }
}
