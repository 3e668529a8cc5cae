package io.tillstream.cli;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.DescriptorValidationException;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.Message;
import io.tillstream.pipeline.testing.GeneratedSales;
import io.tillstream.pipeline.testing.TestPlatform;
import io.tillstream.retail.Sale;
import io.tillstream.retail.SyntheticSales;
import io.tillstream.serde.JsonSchemaEnvelope;
import io.tillstream.serde.KafkaJsonSchemaSerializer;
import io.tillstream.serde.KafkaProtobufSerializer;
import io.tillstream.serde.TopicRecordNameStrategy;
import io.tillstream.serde.WireFormat;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ConsumeCommandTest {

    /** Reads decimals as the producer wrote them, 1500.40 keeping its scale. */
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));

    private final TestPlatform platform = TestPlatform.get();

    @Test
    void printsEachSaleAsAJsonLineWithExactPricesAndIsoDatesThenStopsAtMax() {
        String topic = TestPlatform.unique("consume");
        platform.createTopic(topic, 1);
        GeneratedSales generated = new GeneratedSales(1).send(platform, topic, 5);

        Cli.Result result = consume("--topic", topic, "--from-beginning", "--max", "3");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out().lines()).containsExactly(json(generated.sales().get(0)), json(generated.sales().get(1)),
            json(generated.sales().get(2)));
        assertThat(result.err()).isEqualTo("Processed a total of 3 messages\n");
    }

    @Test
    void printsTheKeyAndTheRecordsMetadataWhenAsked() {
        String topic = TestPlatform.unique("consume");
        platform.createTopic(topic, 2);
        Sale sale = new SyntheticSales(2, 10, Clock.systemUTC()).next();
        byte[] value = GeneratedSales.avroSerializer(platform).serialize(topic, sale);
        byte[] key = sale.getInvoiceNo().getBytes(StandardCharsets.UTF_8);
        GeneratedSales.sendRaw(platform, topic, key, value);
        RecordMetadata where = GeneratedSales.sendRaw(platform, topic, key, value);

        Cli.Result result = consume("--topic", topic, "--partition", Integer.toString(where.partition()),
            "--offset", Long.toString(where.offset()), "--max", "1", "--print-key", "--print-metadata");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).isEqualTo("Partition:" + where.partition() + "\tOffset:" + where.offset()
            + "\tCreateTime:" + where.timestamp() + "\tSchemaId:" + WireFormat.schemaId(value) + "\t" + sale.getInvoiceNo() + "\t" + json(sale) + "\n");
    }

    @Test
    void aRecordThatCannotBeDecodedCostsOneLineAndTheRestGoOn() {
        String topic = TestPlatform.unique("consume");
        platform.createTopic(topic, 1);
        GeneratedSales generated = new GeneratedSales(3).send(platform, topic, 1);
        GeneratedSales.sendRaw(platform, topic, null, "not avro".getBytes(StandardCharsets.UTF_8));
        generated.send(platform, topic, 1);

        Cli.Result result = consume("--topic", topic, "--from-beginning", "--max", "3");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out().lines()).containsExactly(json(generated.sales().get(0)), json(generated.sales().get(1)));
        assertThat(result.err()).isEqualTo("skipped: Cannot deserialize value from topic " + topic + " partition 0 offset 1:"
            + " unknown magic byte 0x6e, expected 0x00 (Confluent's wire format), and not JSON text either\n"
            + "Processed a total of 3 messages, 1 of them could not be decoded\n");
    }

    @Test
    void avroJsonSchemaProtobufAndPlainJsonRecordsEachPrintAsTheirJson() throws Exception {
        String topic = TestPlatform.unique("consume");
        platform.createTopic(topic, 1);
        Sale sale = new SyntheticSales(4, 10, Clock.systemUTC()).next();
        // One subject per format: a topic's value subject takes one format only.
        Map<String, Object> ownSubjects = Map.of("schema.registry.url", platform.registryUrl(),
            "value.subject.name.strategy", TopicRecordNameStrategy.class.getName());
        String plainJson = "{\"invoice_no\": \"I100002\", \"quantity\": \"5\"}";
        try (KafkaJsonSchemaSerializer<JsonNode> jsonSchema = new KafkaJsonSchemaSerializer<>();
             KafkaProtobufSerializer<Message> protobuf = new KafkaProtobufSerializer<>()) {
            jsonSchema.configure(ownSubjects, false);
            protobuf.configure(ownSubjects, false);
            GeneratedSales.sendRaw(platform, topic, null, GeneratedSales.avroSerializer(platform).serialize(topic, sale));
            GeneratedSales.sendRaw(platform, topic, null, jsonSchema.serialize(topic, JsonSchemaEnvelope.of(
                JSON.readTree("{\"title\": \"Till\", \"type\": \"object\", \"properties\": {\"invoice_no\": {\"type\": \"string\"},"
                    + " \"price\": {\"type\": \"number\"}}}"),
                JSON.readTree("{\"invoice_no\": \"I100001\", \"price\": 1500.40}"))));
            GeneratedSales.sendRaw(platform, topic, null, protobuf.serialize(topic, till("I100003", 1500)));
            GeneratedSales.sendRaw(platform, topic, null, plainJson.getBytes(StandardCharsets.UTF_8));
        }

        Cli.Result result = consume("--topic", topic, "--from-beginning", "--max", "4");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out().lines()).containsExactly(json(sale), "{\"invoice_no\":\"I100001\",\"price\":1500.40}",
            "{\"invoiceNo\":\"I100003\",\"units\":\"1500\"}", plainJson);
        assertThat(result.err()).isEqualTo("Processed a total of 4 messages\n");
    }

    @Test
    void outputCsvPrintsAHeaderThenARowPerSaleWithItsFieldsAsColumns() {
        String topic = TestPlatform.unique("consume");
        platform.createTopic(topic, 1);
        Sale sale = new SyntheticSales(5, 10, Clock.systemUTC()).next();
        RecordMetadata first = GeneratedSales.sendRaw(platform, topic, sale.getInvoiceNo().getBytes(StandardCharsets.UTF_8),
            GeneratedSales.avroSerializer(platform).serialize(topic, sale));
        // A later value that is no record: its JSON goes to value_other, so nothing is dropped.
        RecordMetadata second = GeneratedSales.sendRaw(platform, topic, null,
            "\"a note, \\\"quoted\\\"\"".getBytes(StandardCharsets.UTF_8));

        Cli.Result result = consume("--topic", topic, "--from-beginning", "--max", "2", "--output", "csv");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out().split("\r\n")).containsExactly(
            "partition,offset,timestamp,key,headers,invoice_no,customer_id,gender,age,category,quantity,price,payment_method,"
                + "invoice_date,shopping_mall,event_time,value_other",
            "0,0," + first.timestamp() + "," + sale.getInvoiceNo() + ",{}," + String.join(",", sale.getInvoiceNo(),
                sale.getCustomerId(), sale.getGender().toString(), String.valueOf(sale.getAge()), sale.getCategory().toString(),
                String.valueOf(sale.getQuantity()), sale.getPrice().toPlainString(), sale.getPaymentMethod().toString(),
                sale.getInvoiceDate().toString(), sale.getShoppingMall().toString(),
                sale.getEventTime().truncatedTo(ChronoUnit.MILLIS).toString()) + ",",
            "0,1," + second.timestamp() + ",,{},,,,,,,,,,,,\"{\"\"value\"\":\"\"a note, \\\"\"quoted\\\"\"\"\"}\"");
        assertThat(consume("--output", "csv", "--print-key").err())
            .startsWith("error: --print-key and --print-metadata are for --output json");
    }

    @Test
    void anOffsetWithoutAPartitionIsAUsageError() {
        Cli.Result result = consume("--offset", "5");

        assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(result.err()).isEqualTo("error: --offset needs --partition\n");
    }

    @Test
    void aTopicThatDoesNotExistIsReportedInOneLine() {
        Cli.Result result = consume("--topic", "no-such-topic", "--max", "1");

        assertThat(result.exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(result.err()).isEqualTo("error: topic 'no-such-topic' does not exist\n");
    }

    private Cli.Result consume(String... options) {
        String[] args = new String[options.length + 5];
        args[0] = "consume";
        args[1] = "--bootstrap-server";
        args[2] = platform.bootstrapServers();
        args[3] = "--registry-url";
        args[4] = platform.registryUrl();
        System.arraycopy(options, 0, args, 5, options.length);
        return Cli.run(args);
    }

    /** A message of {@code message Till { string invoice_no = 1; int64 units = 2; }}, built without protoc. */
    private static DynamicMessage till(String invoiceNo, long units) throws DescriptorValidationException {
        FileDescriptorProto file = FileDescriptorProto.newBuilder().setName("tills.proto").setPackage("tills").setSyntax("proto3")
            .addMessageType(DescriptorProto.newBuilder().setName("Till")
                .addField(FieldDescriptorProto.newBuilder().setName("invoice_no").setNumber(1)
                    .setType(FieldDescriptorProto.Type.TYPE_STRING))
                .addField(FieldDescriptorProto.newBuilder().setName("units").setNumber(2)
                    .setType(FieldDescriptorProto.Type.TYPE_INT64)))
            .build();
        Descriptor till = FileDescriptor.buildFrom(file, new FileDescriptor[0]).findMessageTypeByName("Till");
        return DynamicMessage.newBuilder(till).setField(till.findFieldByName("invoice_no"), invoiceNo)
            .setField(till.findFieldByName("units"), units).build();
    }

    /** The line consume prints for {@code sale}: fields in schema order, the price with its cents, ISO date and time. */
    private static String json(Sale sale) {
        return "{\"invoice_no\":\"" + sale.getInvoiceNo() + "\",\"customer_id\":\"" + sale.getCustomerId()
            + "\",\"gender\":\"" + sale.getGender() + "\",\"age\":" + sale.getAge() + ",\"category\":\"" + sale.getCategory()
            + "\",\"quantity\":" + sale.getQuantity() + ",\"price\":" + sale.getPrice().toPlainString()
            + ",\"payment_method\":\"" + sale.getPaymentMethod() + "\",\"invoice_date\":\"" + sale.getInvoiceDate()
            + "\",\"shopping_mall\":\"" + sale.getShoppingMall() + "\",\"event_time\":\""
            + sale.getEventTime().truncatedTo(ChronoUnit.MILLIS) + "\"}";
    }
}
