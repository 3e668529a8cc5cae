package io.tillstream.console.lake;

import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.Util;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.SeekableInputStream;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The row count a Parquet file's footer records, read as parquet-java's {@code ParquetFileReader}
 * reads it (the footer's length and {@code PAR1} in the last 8 bytes, then the Thrift
 * {@code FileMetaData} before them) but without it: every {@code ParquetReadOptions} it needs loads
 * Hadoop's {@code FileInputFormat}, and the console has no Hadoop.
 */
final class ParquetFooter {

    private static final byte[] MAGIC = "PAR1".getBytes(StandardCharsets.US_ASCII);
    private static final int TAIL = 8;

    private ParquetFooter() {
    }

    /** @throws IOException if {@code file} is not a complete, unencrypted Parquet file */
    static long rows(Path file) throws IOException {
        LocalInputFile input = new LocalInputFile(file);
        long length = input.getLength();
        if (length < MAGIC.length + TAIL) {
            throw new IOException("too short for a Parquet file (" + length + " bytes)");
        }
        try (SeekableInputStream stream = input.newStream()) {
            byte[] tail = new byte[TAIL];
            stream.seek(length - TAIL);
            stream.readFully(tail);
            for (int i = 0; i < MAGIC.length; i++) {
                if (tail[TAIL - MAGIC.length + i] != MAGIC[i]) {
                    throw new IOException("no Parquet footer (the file does not end in PAR1)");
                }
            }
            long footerLength = ByteBuffer.wrap(tail, 0, 4).order(ByteOrder.LITTLE_ENDIAN).getInt() & 0xFFFFFFFFL;
            if (footerLength > length - MAGIC.length - TAIL) {
                throw new IOException("footer length " + footerLength + " exceeds the file's " + length + " bytes");
            }
            stream.seek(length - TAIL - footerLength);
            // Row groups skipped: the file's row count is a field of its own.
            FileMetaData metadata = Util.readFileMetaData(stream, true);
            return metadata.getNum_rows();
        }
    }
}
