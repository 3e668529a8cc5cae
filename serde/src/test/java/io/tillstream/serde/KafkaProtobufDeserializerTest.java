package io.tillstream.serde;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.Message;
import io.tillstream.serde.client.SchemaDefinition;
import io.tillstream.serde.client.SchemaReference;
import io.tillstream.serde.client.SchemaRegistryClient;
import io.tillstream.protobuf.ProtoTextPrinter;
import io.tillstream.serde.sample.protobuf.Basket;
import io.tillstream.serde.sample.protobuf.LegacyProto;
import io.tillstream.serde.sample.protobuf.Sale;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The deserializer on bytes our serializer and hand-built ones hold, with schemas from Tillstream's registry. */
class KafkaProtobufDeserializerTest {

    private final EmbeddedRegistry embedded = EmbeddedRegistry.get();
    private final SchemaRegistryClient registry = embedded.client();
    private final String topic = EmbeddedRegistry.unique("sales");
    private final KafkaProtobufSerializer<Message> serializer = new KafkaProtobufSerializer<>();
    private final KafkaProtobufDeserializer<Message> deserializer = new KafkaProtobufDeserializer<>();

    @AfterEach
    void stop() {
        serializer.close();
        deserializer.close();
    }

    @Test
    void aSaleComesBackAsADynamicMessageOfTheWritersSchema() {
        serializer.configure(settings(Map.of()), false);
        deserializer.configure(settings(Map.of()), false);

        Message read = deserializer.deserialize(topic, serializer.serialize(topic, ProtobufSales.sale()));

        assertThat(read).isInstanceOf(DynamicMessage.class);
        Descriptor type = read.getDescriptorForType();
        assertThat(type.getFullName()).isEqualTo("io.tillstream.retail.Sale");
        assertThat(read.getField(type.findFieldByName("invoice_no"))).isEqualTo("I138884");
        Message price = (Message) read.getField(type.findFieldByName("price"));
        assertThat(price.getField(price.getDescriptorForType().findFieldByName("nanos"))).isEqualTo(400_000_000);
        assertThat(read.toByteArray()).isEqualTo(ProtobufSales.sale().toByteArray());
    }

    @Test
    void theConfiguredClassIsReturnedForEveryMessage() {
        serializer.configure(settings(Map.of()), false);
        deserializer.configure(settings(Map.of("specific.protobuf.value.type", Sale.class.getName())), false);

        assertThat(deserializer.deserialize(topic, serializer.serialize(topic, ProtobufSales.sale())))
            .isEqualTo(ProtobufSales.sale());
    }

    @Test
    void deriveTypeReturnsTheGeneratedClassOfTheMessageTheIndexesName() {
        Basket.Line.Discount discount = Basket.Line.Discount.newBuilder().setPercent(10).build();
        LegacyProto.Till till = LegacyProto.Till.newBuilder().setId("T1").build();
        serializer.configure(settings(Map.of()), false);
        deserializer.configure(settings(Map.of("derive.type", true)), false);

        assertThat(deserializer.deserialize(topic, serializer.serialize(topic, discount))).isEqualTo(discount);
        assertThat(deserializer.deserialize(topic, serializer.serialize(EmbeddedRegistry.unique("tills"), till)))
            .as("an outer class named by java_outer_classname").isEqualTo(till);
    }

    @Test
    void aSchemaWrittenByHandWithAnImportDecodesThroughItsReference() {
        String subject = topic + "-value";
        int saleVersion = registry.lookup(ProtobufSales.SALE_PROTO, new SchemaDefinition(
            ProtoTextPrinter.print(Sale.getDescriptor().getFile()), "PROTOBUF",
            List.of()), false).version();
        int id = registry.register(subject, new SchemaDefinition("""
            syntax = "proto3";
            package shop;
            import "io/tillstream/serde/sample/sale.proto";
            message Till {
              map<string, int32> counts = 1;
              message Entry { io.tillstream.retail.Sale sale = 1; }
            }
            """, "PROTOBUF", List.of(new SchemaReference(ProtobufSales.SALE_PROTO, ProtobufSales.SALE_PROTO, saleVersion))),
            false);
        byte[] entry = HexFormat.of().parseHex("00" + String.format("%08x", id) + "040000"
            + "0a" + String.format("%02x", ProtobufSales.sale().getSerializedSize())
            + HexFormat.of().formatHex(ProtobufSales.sale().toByteArray()));
        deserializer.configure(settings(Map.of()), false);

        Message read = deserializer.deserialize(topic, entry);

        assertThat(read.getDescriptorForType().getFullName()).as("[0, 0] skips no map entry").isEqualTo("shop.Till.Entry");
        Message sale = (Message) read.getField(read.getDescriptorForType().findFieldByName("sale"));
        assertThat(sale.toByteArray()).isEqualTo(ProtobufSales.sale().toByteArray());
    }

    @Test
    void bytesNotInTheFormatFailNamingTheCause() {
        serializer.configure(settings(Map.of()), false);
        deserializer.configure(settings(Map.of()), false);
        byte[] good = serializer.serialize(topic, ProtobufSales.sale());
        byte[] badMagic = good.clone();
        badMagic[0] = 1;
        byte[] unknownId = good.clone();
        unknownId[1] = 0x7f;
        byte[] noSuchMessage = HexFormat.of().parseHex(HexFormat.of().formatHex(good, 0, 5) + "020a"
            + HexFormat.of().formatHex(good, 6, good.length));
        byte[] corruptIndexes = Arrays.copyOf(good, 7);
        corruptIndexes[5] = 0x04;
        byte[] truncated = Arrays.copyOf(good, good.length - 4);

        assertThat(failure(badMagic)).isEqualTo("Cannot deserialize value from topic " + topic
            + ": unknown magic byte 0x01, expected 0x00 (Confluent's wire format)");
        assertThat(failure(unknownId)).startsWith("Cannot deserialize value from topic " + topic + ": unknown schema ID ");
        assertThat(failure(noSuchMessage)).isEqualTo("Cannot deserialize value from topic " + topic + ": cannot use schema ID "
            + WireFormat.schemaId(good) + " with message indexes [5]: message indexes [5] name no message of the schema");
        assertThat(failure(corruptIndexes)).isEqualTo("Cannot deserialize value from topic " + topic
            + ": the message indexes after schema ID " + WireFormat.schemaId(good) + " are corrupt: the message index count 2 is out of range");
        assertThat(failure(truncated)).startsWith("Cannot deserialize value from topic " + topic
            + ": the bytes after the message indexes are not a Protobuf message");
        assertThat(failure(new byte[] {0, 0, 0, 0, 1})).contains("too few for the header");
    }

    @Test
    void nullIsReadAsNullAndCloseCanBeCalledTwice() {
        deserializer.configure(Map.of("schema.registry.url", "http://127.0.0.1:1"), true);

        assertThat(deserializer.deserialize(topic, null)).isNull();
        deserializer.close();
        assertThatCode(deserializer::close).doesNotThrowAnyException();
    }

    private String failure(byte[] data) {
        return catchThrowableOfType(SerializationException.class,
            () -> deserializer.deserialize(topic, data)).getMessage();
    }

    private Map<String, Object> settings(Map<String, Object> extra) {
        Map<String, Object> all = new HashMap<>(extra);
        all.put("schema.registry.url", embedded.url());
        return all;
    }
}
