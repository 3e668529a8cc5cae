package io.tillstream.sink;

import com.github.luben.zstd.Zstd;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

class PageCodecsTest {

    private final CompressionCodecFactory.BytesInputCompressor zstd = new PageCodecs().getCompressor(CompressionCodecName.ZSTD);

    @Test
    void eachZstdPageIsAFrameOfItsOwnThoughTheThreadReusesItsContext() throws Exception {
        byte[] first = page("Kanyon,Forum Istanbul,Metrocity,", 200);
        byte[] second = page("Cash,Credit Card,", 50);

        byte[] firstCompressed = zstd.compress(BytesInput.from(first)).toByteArray();
        byte[] secondCompressed = zstd.compress(BytesInput.from(second)).toByteArray();
        // Another thread, another context: the same bytes as this thread's for the same page.
        byte[] onAnotherThread = CompletableFuture.supplyAsync(() -> compress(second)).get();

        assertThat(Zstd.decompress(firstCompressed, first.length)).isEqualTo(first);
        assertThat(Zstd.decompress(secondCompressed, second.length)).isEqualTo(second);
        assertThat(onAnotherThread).isEqualTo(secondCompressed);
        assertThat(secondCompressed.length).isLessThan(second.length / 4);
    }

    private byte[] compress(byte[] page) {
        try {
            return zstd.compress(BytesInput.from(page)).toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] page(String text, int times) {
        return text.repeat(times).getBytes(StandardCharsets.UTF_8);
    }
}
