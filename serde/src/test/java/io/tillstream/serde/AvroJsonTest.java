package io.tillstream.serde;

import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AvroJsonTest {

    @Test
    void aRecordWithLogicalTypesReadsAsPlainJsonWithExactCents() {
        Schema price = LogicalTypes.decimal(12, 2).addToSchema(Schema.create(Schema.Type.BYTES));
        Schema schema = SchemaBuilder.record("Sale").fields()
            .requiredString("invoice_no")
            .name("price").type(price).noDefault()
            .name("invoice_date").type(LogicalTypes.date().addToSchema(Schema.create(Schema.Type.INT))).noDefault()
            .name("event_time").type(LogicalTypes.timestampMillis().addToSchema(Schema.create(Schema.Type.LONG))).noDefault()
            .optionalString("note")
            .endRecord();
        GenericRecord sale = new GenericData.Record(schema);
        sale.put("invoice_no", "I138884");
        sale.put("price", new BigDecimal("1500.40"));
        sale.put("invoice_date", LocalDate.of(2022, 8, 5));
        sale.put("event_time", Instant.parse("2024-05-01T10:05:00.123Z"));

        assertThat(AvroJson.write(sale)).isEqualTo("{\"invoice_no\":\"I138884\",\"price\":1500.40,"
            + "\"invoice_date\":\"2022-08-05\",\"event_time\":\"2024-05-01T10:05:00.123Z\",\"note\":null}");
    }

    @Test
    void bytesCollectionsMapsAndNonFiniteNumbersStayReadable() {
        assertThat(AvroJson.write(ByteBuffer.wrap(new byte[] {0, 1, 2, (byte) 255}))).isEqualTo("\"AAEC/w==\"");
        assertThat(AvroJson.write(List.of(1, 2L, 2.5))).isEqualTo("[1,2,2.5]");
        assertThat(AvroJson.write(Map.of("k", true))).isEqualTo("{\"k\":true}");
        assertThat(AvroJson.write(Double.NaN)).isEqualTo("\"NaN\"");
    }
}
