package io.tillstream.sink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Avro record each kind of JSON Schema property lands as, and the values and schemas it refuses. */
class JsonSchemaRecordsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BASKET = """
        {"title": "shop.Basket", "type": "object", "required": ["id", "total", "day"],
         "properties": {
           "id": {"type": "string"},
           "total": {"type": "number", "multipleOf": 0.01},
           "weight": {"type": "number"},
           "day": {"type": "string", "format": "date"},
           "paid_at": {"type": ["string", "null"], "format": "date-time"},
           "items": {"type": "integer"},
           "gift": {"type": "boolean"},
           "address": {"type": "object", "required": ["city"], "properties": {"city": {"type": "string"}}},
           "lines": {"type": "array", "items": {"type": "object", "properties": {"sku": {"type": "string"}}}}
         }}""";

    private final JsonSchemaRecords records = new JsonSchemaRecords(10);

    @Test
    void eachKindOfPropertyLandsAsItsAvroType() throws Exception {
        GenericRecord record = records.toRecord(1, BASKET, JSON.readTree("""
            {"id": "b-1", "total": 1500.4, "weight": 0.125, "day": "2022-08-05", "paid_at": "2022-08-05T10:15:30.5Z",
             "items": 3, "address": {"city": "Istanbul"}, "lines": [{"sku": "tea"}, {}], "extra": "not landed"}"""));

        Schema schema = record.getSchema();
        assertThat(schema.getFullName()).isEqualTo("shop.Basket");
        assertThat(schema.getField("total").schema().getLogicalType().getName()).isEqualTo("decimal");
        assertThat(schema.getField("id").schema().getType()).isEqualTo(Schema.Type.STRING);
        assertThat(schema.getField("gift").schema().getTypes()).extracting(Schema::getType)
            .containsExactly(Schema.Type.NULL, Schema.Type.BOOLEAN);
        assertThat(record.get("id")).isEqualTo("b-1");
        assertThat(record.get("total")).isEqualTo(ByteBuffer.wrap(new BigDecimal("1500.40").unscaledValue().toByteArray()));
        assertThat(record.get("weight")).isEqualTo(ByteBuffer.wrap(new BigDecimal("0.125000000").unscaledValue().toByteArray()));
        assertThat(record.get("day")).isEqualTo((int) LocalDate.of(2022, 8, 5).toEpochDay());
        assertThat(record.get("paid_at")).isEqualTo(Instant.parse("2022-08-05T10:15:30.5Z").toEpochMilli() * 1_000);
        assertThat(record.get("items")).isEqualTo(3L);
        assertThat(record.get("gift")).isNull();
        assertThat(((GenericRecord) record.get("address")).get("city")).isEqualTo("Istanbul");
        assertThat((List<?>) record.get("lines")).extracting(line -> ((GenericRecord) line).get("sku"))
            .containsExactly("tea", null);
        assertThat(schema.getField("extra")).isNull();
    }

    @Test
    void aValueItsColumnCannotHoldIsRefusedNamingTheProperty() throws Exception {
        assertThatThrownBy(() -> records.toRecord(1, BASKET, JSON.readTree("""
            {"id": "b-1", "total": 1.005, "day": "2022-08-05"}"""))).isInstanceOf(IllegalArgumentException.class)
            .hasMessage("property total is 1.005, which has more than 2 decimal places");
        assertThatThrownBy(() -> records.toRecord(1, BASKET, JSON.readTree("""
            {"id": "b-1", "total": 1, "day": "2022-02-30"}"""))).isInstanceOf(IllegalArgumentException.class)
            .hasMessage("property day is \"2022-02-30\", not an ISO 8601 date");
        assertThatThrownBy(() -> records.toRecord(1, BASKET, JSON.readTree("""
            {"id": "b-1", "total": 1, "day": "2022-02-03", "address": {}}"""))).isInstanceOf(IllegalArgumentException.class)
            .hasMessage("property address.city is missing or null");
    }

    @Test
    void aSchemaARecordCannotFollowIsRefusedSayingWhy() {
        JsonNode value = JSON.createObjectNode();
        assertThatThrownBy(() -> records.toRecord(2, """
            {"type": "object", "properties": {"a": {"$ref": "#/definitions/a"}}}""", value))
            .hasMessage("property a uses $ref, which the sink does not land yet");
        assertThatThrownBy(() -> records.toRecord(3, """
            {"type": "object", "properties": {"first name": {"type": "string"}}}""", value))
            .hasMessage("property first name: its name is not a column name a record can take");
        assertThatThrownBy(() -> records.toRecord(4, """
            {"type": "object", "properties": {"a": {"type": ["string", "integer"]}}}""", value))
            .hasMessageStartingWith("property a has the types ");
    }
}
