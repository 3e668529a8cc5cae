package io.tillstream.retail.lake;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LakeFileNameTest {

    @Test
    void aFileIsNamedByTopicPartitionAndFirstOffsetAsKafkaConnectNamesIt() {
        assertThat(new LakeFileName("sales_enriched", 3, 1234, "zstd").fileName())
            .isEqualTo("sales_enriched+3+0000001234.zstd.parquet");
        assertThat(new LakeFileName("sales_enriched", 0, 12_345_678_901L, "").fileName())
            .isEqualTo("sales_enriched+0+12345678901.parquet");
    }

    @Test
    void aFileBeingWrittenIsHiddenAndDoesNotEndInParquet() {
        String temp = new LakeFileName("sales_enriched", 3, 7, "snappy").tempName("3fa9");
        assertThat(temp).matches("\\.sales_enriched\\+3\\+0000000007\\.snappy\\.parquet\\.3fa9\\.tmp");
        assertThat(LakeFileName.isComplete(temp)).isFalse();
        assertThat(temp).doesNotEndWith(".parquet");
        assertThat(LakeFileName.isComplete("sales_enriched+3+0000000007.snappy.parquet")).isTrue();
    }

    @Test
    void aTemporaryFileBelongsToItsOwnTopicPartitionOnly() {
        String temp = new LakeFileName("sales", 1, 7, "zstd").tempName("3fa9");
        assertThat(LakeFileName.isTempOf(temp, "sales", 1)).isTrue();
        assertThat(LakeFileName.isTempOf(temp, "sales", 11)).isFalse();
        assertThat(LakeFileName.isTempOf(new LakeFileName("sales", 11, 7, "zstd").tempName("3fa9"), "sales", 1)).isFalse();
        assertThat(LakeFileName.isTempOf(temp, "sale", 1)).isFalse();
        assertThat(LakeFileName.isTempOf("sales+1+0000000007.zstd.parquet", "sales", 1)).isFalse();
    }

    @Test
    void aTemporaryNameParsesBackToItsRollAndFinalName() {
        LakeFileName name = new LakeFileName("sales.v2", 1, 7, "zstd");
        assertThat(LakeFileName.parseTemp(name.tempName("3fa9"), "sales.v2", 1))
            .contains(new LakeFileName.Temp(name.fileName(), "3fa9"));
        assertThat(LakeFileName.parseTemp(name.tempName("3fa9"), "sales.v2", 2)).isEmpty();
        assertThat(LakeFileName.parseTemp(name.fileName(), "sales.v2", 1)).isEmpty();
    }

    @Test
    void aCompleteNameParsesBackToWhatNamedIt() {
        for (LakeFileName name : new LakeFileName[] {new LakeFileName("sales_enriched", 3, 1234, "zstd"),
            new LakeFileName("sales.v2", 0, 12_345_678_901L, ""), new LakeFileName("raw-data", 17, 0, "snappy")}) {
            assertThat(LakeFileName.parse(name.fileName())).contains(name);
        }
    }

    @Test
    void onlyCompleteLakeFilesParse() {
        assertThat(LakeFileName.parse(new LakeFileName("sales", 1, 7, "zstd").tempName("3fa9"))).isEmpty();
        assertThat(LakeFileName.parse("part-00000.snappy.parquet")).isEmpty();
        assertThat(LakeFileName.parse("sales+x+0000000007.zstd.parquet")).isEmpty();
        assertThat(LakeFileName.parse("sales+99999999999+0000000007.parquet")).isEmpty();
        assertThat(LakeFileName.parse("sales+1+0000000007.zstd.parquet.crc")).isEmpty();
    }
}
