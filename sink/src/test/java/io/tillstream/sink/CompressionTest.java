package io.tillstream.sink;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CompressionTest {

    @Test
    void compressionNamesAreTheOptionsValues() {
        assertThat(Compression.of("ZSTD")).isEqualTo(Compression.ZSTD);
        assertThat(Compression.of("none")).isEqualTo(Compression.NONE);
        assertThatThrownBy(() -> Compression.of("lzo"))
            .hasMessage("compression must be one of zstd, snappy, gzip, none, not 'lzo'");
    }

    @Test
    void uncompressedFilesCarryNoCodecInTheirName() {
        assertThat(Compression.NONE.fileLabel()).isEmpty();
        assertThat(Compression.ZSTD.fileLabel()).isEqualTo("zstd");
    }
}
