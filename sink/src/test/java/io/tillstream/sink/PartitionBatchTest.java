package io.tillstream.sink;

import io.tillstream.retail.lake.DayPartition;
import io.tillstream.retail.lake.LakeFileName;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** A partition's batch writing real Parquet files in a temporary directory. */
class PartitionBatchTest {

    private static final Schema SALE = SchemaBuilder.record("Sale").fields()
        .requiredString("invoice_no")
        .name("invoice_date").type(org.apache.avro.LogicalTypes.date().addToSchema(Schema.create(Schema.Type.INT))).noDefault()
        .endRecord();
    /** Where the datum starts in a value: what the batch is told, whatever the header holds. */
    private static final int HEADER = 5;
    private static final TopicPartition PARTITION = new TopicPartition("sales", 2);
    private static final LocalDate AUG_5 = LocalDate.of(2022, 8, 5);
    private static final LocalDate AUG_6 = AUG_5.plusDays(1);
    private static final DiskSync SYNC = new DiskSync();

    @TempDir
    Path lake;

    @Test
    void eachDayGetsOneFileNamedByItsFirstOffsetAndTheCommitPassesTheLastRecord() throws IOException {
        PartitionBatch batch = batch();
        write(batch, 100, AUG_5);
        write(batch, 101, AUG_6);
        batch.skip(102);
        write(batch, 103, AUG_5);

        assertThat(batch.records()).isEqualTo(4);
        assertThat(batch.openFiles()).isEqualTo(2);
        assertThat(finalFiles()).isEmpty();
        RollToken roll = RollToken.next();
        List<PartitionBatch.Completed> completed = batch.complete(roll);

        assertThat(batch.nextOffset()).isEqualTo(104);
        assertThat(completed).extracting(PartitionBatch.Completed::records).containsExactlyInAnyOrder(2L, 1L);
        // Complete but not published: durable under the roll's temporary names until the group commits the roll.
        assertThat(finalFiles()).isEmpty();
        assertThat(tempFiles()).containsExactlyInAnyOrder(".sales+2+0000000100.zstd.parquet." + roll.value() + ".tmp",
            ".sales+2+0000000101.zstd.parquet." + roll.value() + ".tmp");
        for (PartitionBatch.Completed file : completed) {
            file.file().publish();
        }
        assertThat(finalFiles()).containsExactlyInAnyOrder(
            "invoice_year=2022/invoice_month=8/invoice_day=5/sales+2+0000000100.zstd.parquet",
            "invoice_year=2022/invoice_month=8/invoice_day=6/sales+2+0000000101.zstd.parquet");
        assertThat(tempFiles()).isEmpty();
    }

    @Test
    void publishingIsIdempotentAndADiscardedRollLeavesNothingBehind() throws IOException {
        PartitionBatch published = batch();
        write(published, 100, AUG_5);
        List<PartitionBatch.Completed> completed = published.complete(RollToken.next());
        LakeFile.Sealed file = completed.get(0).file();
        file.publish();
        // A new owner published it first (the temporary file is gone): publishing again is done, not an error.
        file.publish();
        assertThat(finalFiles()).containsExactly("invoice_year=2022/invoice_month=8/invoice_day=5/sales+2+0000000100.zstd.parquet");

        PartitionBatch fenced = batch();
        write(fenced, 101, AUG_5);
        write(fenced, 102, AUG_6);
        fenced.complete(RollToken.next()).forEach(discarded -> discarded.file().discard());
        assertThat(tempFiles()).isEmpty();
        assertThat(finalFiles()).hasSize(1);
    }

    @Test
    void recordsAreHeldInMemoryUntilCompletedAndAnAbortedBatchLeavesNothingBehind() throws IOException {
        PartitionBatch batch = batch();
        int datumBytes = write(batch, 7, AUG_5) + write(batch, 8, AUG_6);
        assertThat(batch.bytes()).isEqualTo(datumBytes);
        assertThat(batch.openFiles()).isEqualTo(2);
        assertThat(tempFiles()).isEmpty();
        batch.abort();
        assertThat(batch.openFiles()).isZero();
        assertThat(tempFiles()).isEmpty();
        assertThat(finalFiles()).isEmpty();
    }

    @Test
    void recordsOfTwoSchemasInOneDayGoToAFileEachInOneRoll() throws Exception {
        Schema evolved = SchemaBuilder.record("Sale").fields().requiredString("invoice_no")
            .name("invoice_date").type(org.apache.avro.LogicalTypes.date().addToSchema(Schema.create(Schema.Type.INT))).noDefault()
            .optionalString("note").endRecord();
        PartitionBatch batch = batch();
        write(batch, 1, AUG_5, SALE);
        write(batch, 2, AUG_5, evolved);
        write(batch, 3, AUG_5, SALE);
        write(batch, 4, AUG_5, evolved);

        assertThat(batch.openFiles()).isEqualTo(2);
        List<PartitionBatch.Completed> completed = batch.complete(RollToken.next());
        for (PartitionBatch.Completed file : completed) {
            file.file().publish();
        }

        assertThat(completed).extracting(PartitionBatch.Completed::records).containsExactly(2L, 2L);
        Path day = lake.resolve("invoice_year=2022/invoice_month=8/invoice_day=5");
        assertThat(read("SELECT string_agg(invoice_no, ',' ORDER BY invoice_no) FROM read_parquet('"
            + day.resolve("sales+2+0000000001.zstd.parquet") + "')")).isEqualTo("I1,I3");
        assertThat(read("SELECT string_agg(invoice_no || ':' || coalesce(note, '-'), ',' ORDER BY invoice_no)"
            + " FROM read_parquet('" + day.resolve("sales+2+0000000002.zstd.parquet") + "')")).isEqualTo("I2:-,I4:-");
    }

    private PartitionBatch batch() {
        return new PartitionBatch(PARTITION, lake, Compression.ZSTD, new LakeFile.FileSettings(1 << 20, List.of("invoice_no")),
            SYNC, 0);
    }

    private static int write(PartitionBatch batch, long offset, LocalDate date) throws IOException {
        return write(batch, offset, date, SALE);
    }

    /** Writes a sale of {@code schema} as the sink gets it (a header, then its Avro datum); returns the datum's size. */
    private static int write(PartitionBatch batch, long offset, LocalDate date, Schema schema) throws IOException {
        GenericRecord sale = new GenericData.Record(schema);
        sale.put("invoice_no", "I" + offset);
        sale.put("invoice_date", (int) date.toEpochDay());
        ByteArrayOutputStream value = new ByteArrayOutputStream();
        value.write(new byte[HEADER]);
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(value, null);
        new GenericDatumWriter<GenericRecord>(schema).write(sale, encoder);
        encoder.flush();
        batch.write(offset, schema, DayPartition.of(sale).orElseThrow(), value.toByteArray(), HEADER);
        return value.size() - HEADER;
    }

    /** The one value DuckDB's answer to {@code query} holds. */
    private static String read(String query) throws SQLException {
        try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:");
             Statement statement = duckdb.createStatement();
             ResultSet result = statement.executeQuery(query)) {
            result.next();
            return result.getString(1);
        }
    }

    private List<String> finalFiles() throws IOException {
        return files(true);
    }

    private List<String> tempFiles() throws IOException {
        return files(false);
    }

    private List<String> files(boolean complete) throws IOException {
        try (Stream<Path> files = Files.walk(lake)) {
            return files.filter(Files::isRegularFile)
                .filter(path -> LakeFileName.isComplete(path.getFileName().toString()) == complete)
                .map(path -> (complete ? lake.relativize(path) : path.getFileName()).toString()).toList();
        }
    }
}
