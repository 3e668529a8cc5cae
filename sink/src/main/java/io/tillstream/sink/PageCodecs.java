package io.tillstream.sink;

import com.github.luben.zstd.Zstd;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.xerial.snappy.Snappy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.zip.GZIPOutputStream;

/**
 * Compresses Parquet pages with zstd-jni, snappy-java (both already in the jar for Kafka's own
 * compression) and the JDK's gzip. Parquet's own {@code CodecFactory} goes through Hadoop's codec
 * classes even for zstd, which would bring hadoop-common into the jar: this is the only piece of
 * Parquet's write path that needs Hadoop. The sink only writes, so there are no decompressors.
 */
final class PageCodecs implements CompressionCodecFactory {

    /** zstd's own default level: the size of level 9 for about a third of the time, measured on sales. */
    private static final int ZSTD_LEVEL = 3;

    @Override
    public BytesInputCompressor getCompressor(CompressionCodecName codec) {
        return new BytesInputCompressor() {
            @Override
            public BytesInput compress(BytesInput page) throws IOException {
                return switch (codec) {
                    case UNCOMPRESSED -> page;
                    case ZSTD -> BytesInput.from(Zstd.compress(page.toByteArray(), ZSTD_LEVEL));
                    case SNAPPY -> BytesInput.from(Snappy.compress(page.toByteArray()));
                    case GZIP -> BytesInput.from(gzip(page));
                    default -> throw new IOException("the sink does not write " + codec + " pages");
                };
            }

            @Override
            public CompressionCodecName getCodecName() {
                return codec;
            }

            @Override
            public void release() {
                // Nothing pooled.
            }
        };
    }

    private static byte[] gzip(BytesInput page) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(Integer.MAX_VALUE, page.size() / 2 + 64));
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            page.writeAllTo(gzip);
        }
        return out.toByteArray();
    }

    @Override
    public BytesInputDecompressor getDecompressor(CompressionCodecName codec) {
        throw new UnsupportedOperationException("the sink only writes Parquet");
    }

    @Override
    public void release() {
        // Nothing pooled.
    }
}
