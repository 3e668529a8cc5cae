package io.tillstream.serde.internals.protobuf;

import io.tillstream.protobuf.KnownFiles;
import io.tillstream.protobuf.ProtoTextPrinter;
import io.tillstream.protobuf.ProtoTextParser;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.DynamicMessage;
import io.tillstream.serde.ProtobufSales;
import io.tillstream.serde.sample.protobuf.Basket;
import io.tillstream.serde.sample.protobuf.LegacyProto;
import io.tillstream.serde.sample.protobuf.Sale;
import org.junit.jupiter.api.Test;

import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** .proto text compiled into descriptors that read what protoc's generated classes write. */
class ProtoTextParserTest {

    private static final Function<String, FileDescriptor> KNOWN_ONLY = path -> KnownFiles.file(path).orElseThrow();

    @Test
    void aPrintedFileCompilesBackToAMessageThatReadsAndWritesTheSameBytes() throws Exception {
        FileDescriptor sale = ProtoTextParser.parse(ProtobufSales.SALE_PROTO, ProtoTextPrinter.print(Sale.getDescriptor().getFile()),
            KNOWN_ONLY);
        byte[] bytes = ProtobufSales.sale().toByteArray();

        DynamicMessage read = DynamicMessage.parseFrom(sale.findMessageTypeByName("Sale"), bytes);

        assertThat(read.toByteArray()).isEqualTo(bytes);
        assertThat(read.getUnknownFields().asMap()).isEmpty();
        assertThat(ProtoTextPrinter.print(sale)).isEqualTo(ProtoTextPrinter.print(Sale.getDescriptor().getFile()));
    }

    @Test
    void relativeNamesMapsOptionalsAndOneofsCompileAsProtocCompilesThem() throws Exception {
        FileDescriptor sale = Sale.getDescriptor().getFile();
        FileDescriptor basket = ProtoTextParser.parse("basket.proto", """
            syntax = "proto3";
            package io.tillstream.serde.sample;
            import "io/tillstream/serde/sample/sale.proto";
            message Receipt { string invoice_no = 1; }
            message Basket {
              message Line {
                message Discount { int32 percent = 1; }
                io.tillstream.retail.Sale sale = 1;
                Discount discount = 2;
              }
              enum Channel { CHANNEL_UNSPECIFIED = 0; STORE = 1; ONLINE = 2; }
              repeated Line lines = 1;
              string store = 2;
              optional string note = 3;
              oneof payment { string card = 4; bool cash = 5; }
              Channel channel = 6;
              map<string, int32> counts = 7;
            }
            """, path -> path.equals(ProtobufSales.SALE_PROTO) ? sale : KNOWN_ONLY.apply(path));
        Basket written = Basket.newBuilder()
            .addLines(Basket.Line.newBuilder().setSale(ProtobufSales.sale()).setDiscount(Basket.Line.Discount.newBuilder().setPercent(10)))
            .setNote("gift").setCash(true).setChannel(Basket.Channel.ONLINE).putCounts("Clothing", 5).build();

        Descriptor type = basket.findMessageTypeByName("Basket");
        DynamicMessage read = DynamicMessage.parseFrom(type, written.toByteArray());

        assertThat(read.toByteArray()).isEqualTo(written.toByteArray());
        assertThat(type.getNestedTypes()).extracting(Descriptor::getName).as("map entries after the declared messages")
            .containsExactly("Line", "CountsEntry");
        assertThat(type.findFieldByName("note").toProto().getProto3Optional()).isTrue();
        assertThat(type.findFieldByName("channel").getType()).isEqualTo(FieldDescriptor.Type.ENUM);
        assertThat(type.findFieldByName("counts").isMapField()).isTrue();
        assertThat(type.getOneofs()).extracting(o -> o.getName()).containsExactly("payment", "_note");
    }

    @Test
    void proto2DefaultsApplyToFieldsTheBytesLeaveOut() throws Exception {
        FileDescriptor legacy = ProtoTextParser.parse("legacy.proto", ProtoTextPrinter.print(LegacyProto.getDescriptor()),
            KNOWN_ONLY);
        Descriptor till = legacy.findMessageTypeByName("Till");

        DynamicMessage read = DynamicMessage.parseFrom(till, LegacyProto.Till.newBuilder().setId("T1").build().toByteArray());

        assertThat(read.getField(till.findFieldByName("currency"))).isEqualTo("TRY");
        assertThat(read.getField(till.findFieldByName("drawer"))).isEqualTo(1);
        assertThat(read.getField(till.findFieldByName("state"))).hasToString("OPEN");
        assertThat(till.findFieldByName("totals").isPacked()).isTrue();
    }

    @Test
    void theGoogleTypeFilesShipWithTheModule() {
        assertThat(KnownFiles.file("google/type/money.proto").orElseThrow().findMessageTypeByName("Money").getFields())
            .extracting(FieldDescriptor::getName).containsExactly("currency_code", "units", "nanos");
        assertThat(KnownFiles.file("google/type/datetime.proto")).as("imports duration.proto").isPresent();
        assertThat(KnownFiles.file("confluent/meta.proto")).isEmpty();
        assertThat(KnownFiles.isKnown("confluent/meta.proto")).isTrue();
    }

    @Test
    void textThatDoesNotCompileIsRefusedWithTheReason() {
        assertThatThrownBy(() -> ProtoTextParser.parse("a.proto", "message A { int32 a = 1 }", KNOWN_ONLY))
            .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("not valid Protobuf: Syntax error");
        assertThatThrownBy(() -> ProtoTextParser.parse("a.proto", "syntax = \"proto3\"; message A { Missing m = 1; }", KNOWN_ONLY))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Missing");
        assertThatThrownBy(() -> ProtoTextParser.parse("a.proto", "message A { optional group G = 1 { optional int32 x = 2; } }",
            KNOWN_ONLY)).isInstanceOf(IllegalArgumentException.class).hasMessage("message A has a proto2 group, which is not supported");
    }
}
