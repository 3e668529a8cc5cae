package io.tillstream.serde.internals;

import java.io.OutputStream;
import java.util.Arrays;

/**
 * A growable byte buffer to encode one record into, reused record after record by one thread; unlike
 * {@link java.io.ByteArrayOutputStream} it takes no lock on each of the encoder's many small writes.
 */
public final class ByteOutput extends OutputStream {

    private static final int INITIAL_SIZE = 512;
    /** A buffer that grew past this for one large record is dropped rather than kept by the thread forever. */
    private static final int MAX_RETAINED_SIZE = 1 << 16;

    private byte[] buffer = new byte[INITIAL_SIZE];
    private int count;

    /** Empties the buffer and reserves its first {@code headerSize} bytes, returning the buffer to write them into. */
    public byte[] reset(int headerSize) {
        if (buffer.length > MAX_RETAINED_SIZE) {
            buffer = new byte[INITIAL_SIZE];
        }
        count = headerSize;
        return buffer;
    }

    @Override
    public void write(int b) {
        ensureCapacity(count + 1);
        buffer[count++] = (byte) b;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
        ensureCapacity(count + length);
        System.arraycopy(bytes, offset, buffer, count, length);
        count += length;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buffer, count);
    }

    private void ensureCapacity(int needed) {
        if (needed > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(needed, buffer.length * 2));
        }
    }
}
