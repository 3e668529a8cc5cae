package io.tillstream.sink;

import com.github.luben.zstd.ZstdCompressCtx;
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
    /**
     * One zstd context per writer thread, reset for each page: made anew for every page (what {@code Zstd.compress}
     * does), its set-up was a third of the native time of writing the benchmark's 600 files of 1,667 rows, whose
     * pages are small. Not closed: a writer thread lives as long as the sink.
     */
    private static final ThreadLocal<ZstdCompressCtx> ZSTD = ThreadLocal.withInitial(() -> new ZstdCompressCtx().setLevel(ZSTD_LEVEL));

    @Override
    public BytesInputCompressor getCompressor(CompressionCodecName codec) {
        return new BytesInputCompressor() {
            @Override
            public BytesInput compress(BytesInput page) throws IOException {
                return switch (codec) {
                    case UNCOMPRESSED -> page;
                    case ZSTD -> BytesInput.from(ZSTD.get().compress(page.toByteArray()));
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
