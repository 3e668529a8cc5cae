package io.tillstream.serde;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FileDescriptor;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Which message of a {@code .proto} file a Protobuf record holds, as Confluent's wire format says it
 * between the schema ID and the message: the message's index among its file's top-level messages,
 * then among that message's nested messages, and so on ({@code [1, 0]} is the first message nested
 * in the second top-level one). Enums are not counted.
 *
 * <p>On the wire: the count, then each index, all as zigzag varints, except that the common
 * {@code [0]} is written as a single {@code 0} byte (a count of zero).
 */
public record MessageIndexes(List<Integer> indexes) {

    /** The file's first message, the one most schemas declare alone. */
    public static final MessageIndexes FIRST = new MessageIndexes(List.of(0));

    private static final byte[] FIRST_BYTES = {0};

    public MessageIndexes {
        indexes = List.copyOf(indexes);
        if (indexes.isEmpty() || indexes.stream().anyMatch(index -> index < 0)) {
            throw new IllegalArgumentException("message indexes must be one or more indexes of 0 or more, not " + indexes);
        }
    }

    /** The path of {@code message} within its file. */
    public static MessageIndexes of(Descriptor message) {
        List<Integer> path = new ArrayList<>();
        for (Descriptor type = message; type != null; type = type.getContainingType()) {
            path.add(0, type.getIndex());
        }
        return path.equals(FIRST.indexes) ? FIRST : new MessageIndexes(path);
    }

    /**
     * The message these indexes name in {@code file}.
     *
     * @throws IllegalArgumentException if the file has no message there
     */
    public Descriptor find(FileDescriptor file) {
        List<Descriptor> candidates = file.getMessageTypes();
        Descriptor found = null;
        for (int index : indexes) {
            if (index >= candidates.size()) {
                throw new IllegalArgumentException("message indexes " + indexes + " name no message of the schema");
            }
            found = candidates.get(index);
            candidates = found.getNestedTypes();
        }
        return found;
    }

    public byte[] toByteArray() {
        if (equals(FIRST)) {
            return FIRST_BYTES.clone();
        }
        ByteBuffer buffer = ByteBuffer.allocate(5 * (indexes.size() + 1));
        writeZigzagVarint(buffer, indexes.size());
        indexes.forEach(index -> writeZigzagVarint(buffer, index));
        byte[] bytes = new byte[buffer.position()];
        buffer.flip().get(bytes);
        return bytes;
    }

    /**
     * Reads the indexes at the buffer's position, leaving it after them; {@code [0]} is always
     * {@link #FIRST} itself, so that a reader can tell the common case by identity.
     *
     * @throws IllegalArgumentException if the bytes there are not message indexes
     */
    public static MessageIndexes readFrom(ByteBuffer buffer) {
        try {
            int count = readZigzagVarint(buffer);
            if (count == 0) {
                return FIRST;
            }
            // Each index takes at least one byte: a larger count is corrupt, and must not size a list.
            if (count < 0 || count > buffer.remaining()) {
                throw new IllegalArgumentException("the message index count " + count + " is out of range");
            }
            List<Integer> indexes = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                indexes.add(readZigzagVarint(buffer));
            }
            return indexes.equals(FIRST.indexes) ? FIRST : new MessageIndexes(indexes);
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("the message indexes are cut short", e);
        }
    }

    private static void writeZigzagVarint(ByteBuffer buffer, int value) {
        int zigzag = (value << 1) ^ (value >> 31);
        while ((zigzag & ~0x7f) != 0) {
            buffer.put((byte) ((zigzag & 0x7f) | 0x80));
            zigzag >>>= 7;
        }
        buffer.put((byte) zigzag);
    }

    private static int readZigzagVarint(ByteBuffer buffer) {
        int zigzag = 0;
        for (int shift = 0; shift < 32; shift += 7) {
            byte b = buffer.get();
            zigzag |= (b & 0x7f) << shift;
            if (b >= 0) {
                return (zigzag >>> 1) ^ -(zigzag & 1);
            }
        }
        throw new IllegalArgumentException("a message index varint is longer than 5 bytes");
    }

    @Override
    public String toString() {
        return Objects.toString(indexes);
    }
}
