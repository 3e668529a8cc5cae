package io.tillstream.sink;

import io.tillstream.retail.lake.DayPartition;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The day a datum's walk finds is the one the decoded record gives, and a datum its schema cannot hold is refused. */
class DatumDaysTest {

    private static final Schema DATE = LogicalTypes.date().addToSchema(Schema.create(Schema.Type.INT));
    /** Every kind of value ahead of the day fields, so that each must be stepped over exactly. */
    private static final Schema SALE = SchemaBuilder.record("Sale").fields()
        .requiredString("invoice_no")
        .requiredBoolean("flag")
        .requiredLong("big")
        .requiredFloat("ratio")
        .requiredDouble("share")
        .requiredBytes("price")
        .name("kind").type().enumeration("Kind").symbols("CASH", "CARD").noDefault()
        .name("code").type().fixed("Code").size(3).noDefault()
        .name("items").type().array().items().stringType().noDefault()
        .name("tags").type().map().values().longType().noDefault()
        .name("mall").type().record("Mall").fields().requiredString("name").optionalInt("floor").endRecord().noDefault()
        .name("choice").type().unionOf().nullType().and().stringType().and().longType().endUnion().noDefault()
        .name("invoice_date").type(DATE).noDefault()
        .name("invoice_year").type().unionOf().nullType().and().intType().endUnion().noDefault()
        .name("invoice_month").type().unionOf().nullType().and().intType().endUnion().noDefault()
        .name("invoice_day").type().unionOf().nullType().and().intType().endUnion().noDefault()
        .requiredString("after")
        .endRecord();

    private final DatumDays days = DatumDays.of(SALE).orElseThrow();

    @Test
    void findsTheDayTheDecodedRecordGives() throws IOException {
        GenericRecord sale = sale(19_205, 2022, 8, 5);
        assertThat(days.day(datum(sale), 0)).isEqualTo(DayPartition.of(sale).orElseThrow())
            .isEqualTo(new DayPartition(2022, 8, 5));
    }

    @Test
    void takesTheInvoiceDateWhenTheDayFieldsAreNull() throws IOException {
        GenericRecord sale = sale(19_205, null, null, null);
        assertThat(days.day(datum(sale), 0)).isEqualTo(DayPartition.of(sale).orElseThrow())
            .isEqualTo(new DayPartition(2022, 8, 1));
    }

    @Test
    void readsFromAnOffsetInTheValue() throws IOException {
        byte[] datum = datum(sale(19_000, null, null, null));
        byte[] value = new byte[datum.length + 5];
        System.arraycopy(datum, 0, value, 5, datum.length);
        assertThat(days.day(value, 5)).isEqualTo(new DayPartition(2022, 1, 8));
    }

    @Test
    void noDayWhenTheRecordHasNone() throws IOException {
        Schema noDate = SchemaBuilder.record("Sale").fields()
            .optionalInt("invoice_date").requiredString("x").endRecord();
        GenericRecord sale = new GenericData.Record(noDate);
        sale.put("x", "y");
        assertThat(DatumDays.of(noDate).orElseThrow().day(datum(sale), 0)).isNull();
        assertThat(DayPartition.of(sale)).isEmpty();
    }

    @Test
    void refusesATruncatedDatum() throws IOException {
        byte[] datum = datum(sale(19_205, 2022, 8, 5));
        for (int length = 0; length < datum.length; length++) {
            byte[] cut = Arrays.copyOf(datum, length);
            assertThatThrownBy(() -> days.day(cut, 0)).as("cut to %d bytes", length).isInstanceOf(RuntimeException.class);
        }
    }

    @Test
    void refusesABranchOrSymbolTheSchemaDoesNotHave() throws IOException {
        Schema union = SchemaBuilder.record("Sale").fields()
            .name("choice").type().unionOf().nullType().and().stringType().endUnion().noDefault()
            .name("invoice_date").type(DATE).noDefault().endRecord();
        // Branch 2 of a two-branch union (zig-zag 4), then a date.
        assertThatThrownBy(() -> DatumDays.of(union).orElseThrow().day(new byte[] {4, 2}, 0))
            .isInstanceOf(IllegalArgumentException.class);
        Schema symbol = SchemaBuilder.record("Sale").fields()
            .name("kind").type().enumeration("Kind").symbols("CASH", "CARD").noDefault()
            .name("invoice_date").type(DATE).noDefault().endRecord();
        assertThatThrownBy(() -> DatumDays.of(symbol).orElseThrow().day(new byte[] {6, 2}, 0))
            .isInstanceOf(IllegalArgumentException.class);
        // A string of length -1 (zig-zag 1).
        Schema string = SchemaBuilder.record("Sale").fields().requiredString("s")
            .name("invoice_date").type(DATE).noDefault().endRecord();
        assertThatThrownBy(() -> DatumDays.of(string).orElseThrow().day(new byte[] {1, 2}, 0))
            .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void leavesRecursiveAndUndatedSchemasToAvro() {
        Schema list = SchemaBuilder.record("Node").fields()
            .name("invoice_date").type(DATE).noDefault()
            .name("next").type().optional().type("Node").endRecord();
        assertThat(DatumDays.of(list)).isEmpty();
        assertThat(DatumDays.of(SchemaBuilder.record("Plain").fields().requiredString("x").endRecord())).isEmpty();
        assertThat(DatumDays.of(Schema.create(Schema.Type.STRING))).isEmpty();
    }

    private static GenericRecord sale(int date, Integer year, Integer month, Integer day) {
        GenericRecord mall = new GenericData.Record(SALE.getField("mall").schema());
        mall.put("name", "Kanyon");
        mall.put("floor", 3);
        GenericRecord sale = new GenericData.Record(SALE);
        sale.put("invoice_no", "I100001");
        sale.put("flag", true);
        sale.put("big", -1_234_567_890_123L);
        sale.put("ratio", 0.5f);
        sale.put("share", 0.25);
        sale.put("price", ByteBuffer.wrap(new byte[] {1, 2, 3}));
        sale.put("kind", new GenericData.EnumSymbol(SALE.getField("kind").schema(), "CARD"));
        sale.put("code", new GenericData.Fixed(SALE.getField("code").schema(), new byte[] {7, 8, 9}));
        sale.put("items", List.of("a", "bb", "ccc"));
        sale.put("tags", Map.of("x", 1L, "y", -2L));
        sale.put("mall", mall);
        sale.put("choice", 42L);
        sale.put("invoice_date", date);
        sale.put("invoice_year", year);
        sale.put("invoice_month", month);
        sale.put("invoice_day", day);
        sale.put("after", "end");
        return sale;
    }

    private static byte[] datum(GenericRecord record) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(record.getSchema()).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }
}
