package io.tillstream.sink;

import org.apache.parquet.hadoop.metadata.CompressionCodecName;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The codecs a lake file's pages may be compressed with, by the names {@code --compression} takes. */
public enum Compression {
    ZSTD(CompressionCodecName.ZSTD),
    SNAPPY(CompressionCodecName.SNAPPY),
    GZIP(CompressionCodecName.GZIP),
    NONE(CompressionCodecName.UNCOMPRESSED);

    private final CompressionCodecName codec;

    Compression(CompressionCodecName codec) {
        this.codec = codec;
    }

    /** {@code zstd}, {@code snappy}, {@code gzip} or {@code none}: the option's value, and the file name's part. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    CompressionCodecName codec() {
        return codec;
    }

    /** @throws IllegalArgumentException naming the labels allowed */
    public static Compression of(String label) {
        for (Compression compression : values()) {
            if (compression.label().equals(label.toLowerCase(Locale.ROOT))) {
                return compression;
            }
        }
        throw new IllegalArgumentException("compression must be one of " + labels() + ", not '" + label + "'");
    }

    public static String labels() {
        return Arrays.stream(values()).map(Compression::label).collect(Collectors.joining(", "));
    }
}
