package io.tillstream.serde.internals.protobuf;

import io.tillstream.protobuf.ProtoTextPrinter;
import io.tillstream.registry.schema.Dependency;
import io.tillstream.registry.schema.protobuf.ProtobufSchema;
import io.tillstream.serde.ProtobufSales;
import io.tillstream.serde.sample.protobuf.Basket;
import io.tillstream.serde.sample.protobuf.LegacyProto;
import io.tillstream.serde.sample.protobuf.Sale;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Compiled files printed as Confluent's serializers print them. The registry's canonical form is a
 * port of Confluent's printer, so a text it leaves unchanged is what Confluent would have sent.
 */
class ProtoTextPrinterTest {

    @Test
    void theSaleIsPrintedWithFullyQualifiedTypesAndItsOptions() {
        assertThat(ProtoTextPrinter.print(Sale.getDescriptor().getFile())).isEqualTo("""
            syntax = "proto3";
            package io.tillstream.retail;

            import "google/protobuf/timestamp.proto";
            import "google/type/date.proto";
            import "google/type/money.proto";

            option java_package = "io.tillstream.serde.sample.protobuf";
            option java_outer_classname = "SaleProto";
            option java_multiple_files = true;

            message Sale {
              string invoice_no = 1;
              string customer_id = 2;
              string gender = 3;
              int32 age = 4;
              string category = 5;
              int32 quantity = 6;
              .google.type.Money price = 7;
              string payment_method = 8;
              .google.type.Date invoice_date = 9;
              string shopping_mall = 10;
              .google.protobuf.Timestamp event_time = 11;
            }
            """);
    }

    @Test
    void nestedTypesMapsOneofsAndOptionalsPrintAsTheRegistrysCanonicalText() {
        String sale = ProtoTextPrinter.print(Sale.getDescriptor().getFile());
        String basket = ProtoTextPrinter.print(Basket.getDescriptor().getFile());

        assertThat(ProtobufSchema.parse(basket, List.of(new Dependency(ProtobufSales.SALE_PROTO, sale))).canonical())
            .isEqualTo(basket);
        assertThat(basket)
            .contains("  optional string note = 3;\n")
            .contains("  oneof payment {\n    string card = 4;\n    bool cash = 5;\n  }\n")
            .contains("  repeated .io.tillstream.serde.sample.Basket.CountsEntry counts = 7;\n")
            .contains("  message CountsEntry {\n    option map_entry = true;\n  \n    string key = 1;\n");
    }

    @Test
    void proto2DefaultsReservedRangesAndPackedPrintAsTheRegistrysCanonicalText() {
        String legacy = ProtoTextPrinter.print(LegacyProto.getDescriptor());

        assertThat(ProtobufSchema.parse(legacy, List.of()).canonical()).isEqualTo(legacy);
        assertThat(legacy)
            .doesNotContain("syntax")
            .contains("  reserved 8 to 10;\n  reserved \"old\";\n")
            .contains("  optional string currency = 3 [default = \"TRY\"];\n")
            .contains("  repeated int64 totals = 4 [packed = true];\n")
            .contains("  optional .io.tillstream.serde.sample.legacy.Till.State state = 5 [default = OPEN];\n");
    }
}
