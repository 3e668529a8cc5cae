package io.tillstream.sink;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.DynamicMessage;
import io.tillstream.protobuf.KnownFiles;
import io.tillstream.protobuf.ProtoTextParser;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Avro record each shape of Protobuf field lands as. */
class ProtobufRecordsTest {

    private static final FileDescriptor FILE = ProtoTextParser.parse("shop.proto", """
        syntax = "proto3";
        package shop;
        import "google/protobuf/wrappers.proto";
        import "google/type/date.proto";
        import "google/type/money.proto";
        enum Channel { CHANNEL_UNKNOWN = 0; WEB = 1; STORE = 2; }
        message Line { string sku = 1; uint32 count = 2; }
        message Basket {
          string id = 1;
          optional int32 discount = 2;
          google.protobuf.StringValue note = 3;
          Channel channel = 4;
          repeated Line lines = 5;
          map<string, int64> points = 6;
          repeated google.type.Date days = 7;
          oneof pay { string card = 8; int64 voucher = 9; }
          bytes tag = 10;
          int32 items = 11;
          repeated google.type.Money refunds = 12;
        }
        message Loop { Loop next = 1; }
        """, path -> KnownFiles.file(path).orElseThrow());
    private static final Descriptor BASKET = FILE.findMessageTypeByName("Basket");
    private static final Descriptor LINE = FILE.findMessageTypeByName("Line");
    private static final Descriptor DATE = BASKET.findFieldByName("days").getMessageType();
    private static final Descriptor MONEY = BASKET.findFieldByName("refunds").getMessageType();

    private final ProtobufRecords records = new ProtobufRecords(10);

    @Test
    void eachKindOfFieldLandsAsItsAvroType() {
        DynamicMessage basket = DynamicMessage.newBuilder(BASKET)
            .setField(field("id"), "b-1")
            .setField(field("note"), DynamicMessage.newBuilder(field("note").getMessageType())
                .setField(field("note").getMessageType().findFieldByName("value"), "ring twice").build())
            .setField(field("channel"), FILE.findEnumTypeByName("Channel").findValueByName("WEB"))
            .addRepeatedField(field("lines"), DynamicMessage.newBuilder(LINE)
                .setField(LINE.findFieldByName("sku"), "tea").setField(LINE.findFieldByName("count"), -1).build())
            .addRepeatedField(field("points"), DynamicMessage.newBuilder(field("points").getMessageType())
                .setField(field("points").getMessageType().findFieldByName("key"), "gold")
                .setField(field("points").getMessageType().findFieldByName("value"), 5L).build())
            .addRepeatedField(field("days"), DynamicMessage.newBuilder(DATE).setField(DATE.findFieldByName("year"), 2022)
                .setField(DATE.findFieldByName("month"), 8).setField(DATE.findFieldByName("day"), 5).build())
            .setField(field("card"), "visa")
            .setField(field("tag"), ByteString.copyFromUtf8("x"))
            .addRepeatedField(field("refunds"), DynamicMessage.newBuilder(MONEY)
                .setField(MONEY.findFieldByName("currency_code"), "EUR").setField(MONEY.findFieldByName("units"), 12L)
                .setField(MONEY.findFieldByName("nanos"), 500_000_000).build())
            .build();

        GenericRecord record = records.toRecord(basket);

        Schema schema = record.getSchema();
        assertThat(schema.getFullName()).isEqualTo("shop.Basket");
        assertThat(schema.getField("discount").schema().getTypes()).extracting(Schema::getType)
            .containsExactly(Schema.Type.NULL, Schema.Type.INT);
        assertThat(schema.getField("items").schema().getType()).isEqualTo(Schema.Type.INT);
        assertThat(schema.getField("lines").schema().getElementType().getField("count").schema().getType())
            .isEqualTo(Schema.Type.LONG);
        assertThat(schema.getField("days").schema().getElementType().getLogicalType().getName()).isEqualTo("date");
        assertThat(record.get("id")).isEqualTo("b-1");
        assertThat(record.get("discount")).isNull();
        assertThat(record.get("items")).isEqualTo(0);
        assertThat(record.get("note")).isEqualTo("ring twice");
        assertThat(record.get("channel")).isEqualTo("WEB");
        assertThat((List<?>) record.get("lines")).singleElement().satisfies(line -> {
            assertThat(((GenericRecord) line).get("sku")).isEqualTo("tea");
            assertThat(((GenericRecord) line).get("count")).isEqualTo(4_294_967_295L);
        });
        assertThat(record.get("points")).isEqualTo(Map.of("gold", 5L));
        assertThat(record.get("days")).isEqualTo(List.of((int) LocalDate.of(2022, 8, 5).toEpochDay()));
        assertThat(record.get("card")).isEqualTo("visa");
        assertThat(record.get("voucher")).isNull();
        assertThat(record.get("tag")).isEqualTo(ByteBuffer.wrap(new byte[] {'x'}));
        // In a list, a Money's currency has no column of its own beside it: it stays with its amount.
        assertThat((List<?>) record.get("refunds")).singleElement().satisfies(refund -> {
            assertThat(((GenericRecord) refund).get("amount"))
                .isEqualTo(ByteBuffer.wrap(new BigDecimal("12.500000000").unscaledValue().toByteArray()));
            assertThat(((GenericRecord) refund).get("currency_code")).isEqualTo("EUR");
        });
    }

    @Test
    void aMessageThatContainsItselfCannotBeARecord() {
        Descriptor loop = FILE.findMessageTypeByName("Loop");
        DynamicMessage message = DynamicMessage.newBuilder(loop).build();

        assertThatThrownBy(() -> records.toRecord(message)).isInstanceOf(IllegalArgumentException.class)
            .hasMessage("message shop.Loop contains itself, which no Parquet column can hold");
    }

    private static FieldDescriptor field(String name) {
        return BASKET.findFieldByName(name);
    }
}
