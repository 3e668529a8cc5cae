package io.tillstream.sink;

import io.tillstream.retail.lake.LakeFileName;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.io.LocalOutputFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.sql.Blob;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Lake files read by DuckDB: written from the datums' bytes, they read as parquet-avro's own files do. */
class LakeFileTest {

    private static final Schema DECIMAL = LogicalTypes.decimal(12, 2).addToSchema(Schema.create(Schema.Type.BYTES));
    private static final Schema FLAT = SchemaBuilder.record("Row").fields()
        .requiredString("text")
        .requiredInt("small")
        .requiredLong("big")
        .requiredFloat("ratio")
        .requiredDouble("share")
        .requiredBoolean("flag")
        .name("price").type(DECIMAL).noDefault()
        .name("kind").type().enumeration("Kind").symbols("CASH", "CARD").noDefault()
        .name("code").type().fixed("Code").size(3).noDefault()
        .name("day").type(LogicalTypes.date().addToSchema(Schema.create(Schema.Type.INT))).noDefault()
        .name("at").type(LogicalTypes.timestampMillis().addToSchema(Schema.create(Schema.Type.LONG))).noDefault()
        .optionalString("note")
        .name("count").type().unionOf().intType().and().nullType().endUnion().noDefault()
        .endRecord();
    private static final Schema NESTED = SchemaBuilder.record("Basket").fields()
        .requiredString("text")
        .name("items").type().array().items().stringType().noDefault()
        .endRecord();

    /** The least row group size the sink takes ({@code roll.bytes}' least). */
    private static final long MIN_ROW_GROUP_BYTES = SinkConfig.MIN_BYTES;

    @TempDir
    Path dir;

    @Test
    void aFlatRecordWrittenFromItsBytesReadsAsParquetAvroWritesIt() throws Exception {
        List<GenericRecord> rows = List.of(flat(0, "İstanbul", null, 3), flat(1, "", "paid in two", null),
            flat(-70_000, "ü€𝄞", "", Integer.MIN_VALUE), flat(Integer.MAX_VALUE, "x", null, null));

        Path ours = writeLakeFile(FLAT, rows);
        Path reference = dir.resolve("reference.parquet");
        try (ParquetWriter<GenericRecord> writer = AvroParquetWriter.<GenericRecord>builder(new LocalOutputFile(reference))
            .withConf(new PlainParquetConfiguration()).withSchema(FLAT).withDataModel(GenericData.get()).build()) {
            for (GenericRecord row : rows) {
                writer.write(row);
            }
        }

        assertThat(read("DESCRIBE SELECT * FROM read_parquet('" + ours + "')"))
            .isEqualTo(read("DESCRIBE SELECT * FROM read_parquet('" + reference + "')"));
        assertThat(read("SELECT * FROM read_parquet('" + ours + "') ORDER BY small"))
            .isEqualTo(read("SELECT * FROM read_parquet('" + reference + "') ORDER BY small"))
            .hasSize(rows.size());
        assertThat(read("SELECT price, note, count FROM read_parquet('" + ours + "') ORDER BY small"))
            .containsExactly("[-700.00, , -2147483648]", "[0.00, null, 3]", "[0.01, paid in two, null]",
                "[21474836.47, null, null]");
        assertThat(read("SELECT decode(value) FROM parquet_kv_metadata('" + ours + "') WHERE key = 'parquet.avro.schema'"))
            .containsExactly("[" + FLAT + "]");
    }

    @Test
    void rowsBeyondTheRowGroupSizeStartAnotherRowGroupAndEveryRowIsKept() throws Exception {
        List<GenericRecord> rows = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            rows.add(flat(i, "row " + i, i % 3 == 0 ? null : "note " + i, i % 5 == 0 ? null : i));
        }

        Path file = writeLakeFile(FLAT, rows, MIN_ROW_GROUP_BYTES);

        assertThat(read("SELECT count(DISTINCT row_group_id) > 1, sum(row_group_num_rows) FILTER (WHERE column_id = 0)"
            + " FROM parquet_metadata('" + file + "')")).containsExactly("[true, 20000]");
        assertThat(read("SELECT count(*), count(DISTINCT small), count(note), count(count), sum(small)"
            + " FROM read_parquet('" + file + "')")).containsExactly("[20000, 20000, 13333, 16000, 199990000]");
    }

    @Test
    void warmingUpWritesEveryKindOfColumnWithEachCodec() throws IOException {
        for (Compression compression : Compression.values()) {
            LakeFile.warmUp(compression, new LakeFile.FileSettings(1 << 20, List.of("invoice_no")));
        }
    }

    @Test
    void aRecordThatIsNotFlatGoesThroughParquetAvro() throws Exception {
        GenericRecord basket = new GenericData.Record(NESTED);
        basket.put("text", "two");
        basket.put("items", List.of("a", "b"));

        Path file = writeLakeFile(NESTED, List.of(basket));

        assertThat(read("SELECT text, items FROM read_parquet('" + file + "')")).containsExactly("[two, [a, b]]");
    }

    private Path writeLakeFile(Schema schema, List<GenericRecord> rows) throws IOException {
        return writeLakeFile(schema, rows, 1 << 20);
    }

    private Path writeLakeFile(Schema schema, List<GenericRecord> rows, long rowGroupBytes) throws IOException {
        ByteArrayOutputStream datums = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(datums, null);
        GenericDatumWriter<GenericRecord> avro = new GenericDatumWriter<>(schema);
        for (GenericRecord row : rows) {
            avro.write(row, encoder);
        }
        encoder.flush();
        LakeFile file = LakeFile.open(dir, new LakeFileName("t", 0, 0, "zstd"), RollToken.next(),
            LakeFile.Format.of(schema, Compression.ZSTD, new LakeFile.FileSettings(rowGroupBytes, List.of("text"))));
        file.write(datums.toByteArray(), rows.size());
        LakeFile.Sealed sealed = file.seal();
        sealed.publish();
        return sealed.target();
    }

    private static GenericRecord flat(int small, String text, String note, Integer count) {
        GenericRecord row = new GenericData.Record(FLAT);
        row.put("text", text);
        row.put("small", small);
        row.put("big", small * 1_000_000_007L);
        row.put("ratio", small / 3f);
        row.put("share", small / 7d);
        row.put("flag", small % 2 == 0);
        row.put("price", ByteBuffer.wrap(BigDecimal.valueOf(small, 2).unscaledValue().toByteArray()));
        row.put("kind", new GenericData.EnumSymbol(FLAT.getField("kind").schema(), small % 2 == 0 ? "CASH" : "CARD"));
        row.put("code", new GenericData.Fixed(FLAT.getField("code").schema(), new byte[] {(byte) small, 0, -1}));
        row.put("day", small % 20_000);
        row.put("at", small * 1000L);
        row.put("note", note);
        row.put("count", count);
        return row;
    }

    /** Each row as the list of its values, as DuckDB's JDBC driver gives them. */
    private static List<String> read(String query) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:");
             Statement statement = duckdb.createStatement();
             ResultSet result = statement.executeQuery(query)) {
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                List<String> values = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    Object value = result.getObject(i);
                    values.add(value instanceof Blob blob ? HexFormat.of().formatHex(blob.getBytes(1, (int) blob.length()))
                        : String.valueOf(value));
                }
                rows.add(values.toString());
            }
        }
        return rows;
    }
}
