package io.tillstream.sink;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LakeFileNameTest {

    @Test
    void aFileIsNamedByTopicPartitionAndFirstOffsetAsKafkaConnectNamesIt() {
        assertThat(new LakeFileName("sales_enriched", 3, 1234, Compression.ZSTD).fileName())
            .isEqualTo("sales_enriched+3+0000001234.zstd.parquet");
        assertThat(new LakeFileName("sales_enriched", 0, 12_345_678_901L, Compression.NONE).fileName())
            .isEqualTo("sales_enriched+0+12345678901.parquet");
    }

    @Test
    void aFileBeingWrittenIsHiddenAndDoesNotEndInParquet() {
        String temp = new LakeFileName("sales_enriched", 3, 7, Compression.SNAPPY).tempName();
        assertThat(temp).isEqualTo(".sales_enriched+3+0000000007.snappy.parquet.tmp");
        assertThat(LakeFileName.isComplete(temp)).isFalse();
        assertThat(temp).doesNotEndWith(".parquet");
        assertThat(LakeFileName.isComplete("sales_enriched+3+0000000007.snappy.parquet")).isTrue();
    }

    @Test
    void aTemporaryFileBelongsToItsOwnTopicPartitionOnly() {
        String temp = new LakeFileName("sales", 1, 7, Compression.ZSTD).tempName();
        assertThat(LakeFileName.isTempOf(temp, "sales", 1)).isTrue();
        assertThat(LakeFileName.isTempOf(temp, "sales", 11)).isFalse();
        assertThat(LakeFileName.isTempOf(new LakeFileName("sales", 11, 7, Compression.ZSTD).tempName(), "sales", 1)).isFalse();
        assertThat(LakeFileName.isTempOf(temp, "sale", 1)).isFalse();
        assertThat(LakeFileName.isTempOf("sales+1+0000000007.zstd.parquet", "sales", 1)).isFalse();
    }

    @Test
    void compressionNamesAreTheOptionsValues() {
        assertThat(Compression.of("ZSTD")).isEqualTo(Compression.ZSTD);
        assertThat(Compression.of("none")).isEqualTo(Compression.NONE);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Compression.of("lzo"))
            .hasMessage("compression must be one of zstd, snappy, gzip, none, not 'lzo'");
    }
}
