package io.tillstream.retail.generator;

import io.tillstream.retail.ProducerJson;
import io.tillstream.retail.Sale;
import io.tillstream.retail.SaleCsvReader;
import io.tillstream.retail.SaleRow;
import io.tillstream.retail.SyntheticSales;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bytes the original generate_dataset_to_kafka.py wrote for the dataset's first rows, as Python's
 * json.dumps writes them (the expected strings are that script's output for these rows).
 */
class JsonSaleEncoderTest {

    @TempDir
    Path dir;

    @Test
    void aRowIsWrittenAsTheOriginalPythonProducerWroteIt() throws Exception {
        Sale sale = read("I138884,C241288,Female,28,Clothing,5,1500.4,Credit Card,5/8/2022,Kanyon");
        JsonSaleEncoder encoder = new JsonSaleEncoder(SaleKey.INVOICE_NO);

        assertThat(text(encoder.key(sale))).isEqualTo("{\"invoice_no\": \"I138884\"}");
        assertThat(text(encoder.value(sale))).isEqualTo("{\"invoice_no\": \"I138884\", \"customer_id\": \"C241288\", "
            + "\"gender\": \"Female\", \"age\": 28, \"category\": \"Clothing\", \"quantity\": \"5\", \"price\": 1500.4, "
            + "\"payment_method\": \"Credit Card\", \"invoice_date\": \"2022-08-05 00:00:00\", \"shopping_mall\": \"Kanyon\"}");
    }

    @Test
    void whatItWritesReadsBackAsTheSameSaleWithoutItsEventTime() {
        SyntheticSales sales = new SyntheticSales(7, 100, Clock.fixed(Instant.parse("2026-11-24T10:15:30Z"), ZoneOffset.UTC));
        JsonSaleEncoder encoder = new JsonSaleEncoder(SaleKey.INVOICE_NO);
        for (int i = 0; i < 1_000; i++) {
            Sale sale = sales.next();
            Sale read = ProducerJson.read(encoder.value(sale));
            assertThat(read).isEqualTo(Sale.newBuilder(sale).setEventTime(Instant.EPOCH).build());
        }
    }

    @Test
    void aWholePriceKeepsPythonsPointZero() throws Exception {
        Sale sale = read("I227836,C657758,Female,24,Technology,5,5250,Cash,26/11/2021,Mall of Istanbul");

        assertThat(text(new JsonSaleEncoder(SaleKey.INVOICE_NO).value(sale))).contains("\"price\": 5250.0, ");
        assertThat(JsonSaleEncoder.pythonFloat(new BigDecimal("300.08"))).isEqualTo("300.08");
        assertThat(JsonSaleEncoder.pythonFloat(new BigDecimal("15.150"))).isEqualTo("15.15");
    }

    @Test
    void theKeyNamesTheChosenFieldOrIsNull() throws Exception {
        Sale sale = read("I138884,C241288,Female,28,Clothing,5,1500.4,Credit Card,5/8/2022,Kanyon");

        assertThat(text(new JsonSaleEncoder(SaleKey.CUSTOMER_ID).key(sale))).isEqualTo("{\"customer_id\": \"C241288\"}");
        assertThat(text(new JsonSaleEncoder(SaleKey.SHOPPING_MALL).key(sale))).isEqualTo("{\"shopping_mall\": \"Kanyon\"}");
        assertThat(new JsonSaleEncoder(SaleKey.NONE).key(sale)).isNull();
    }

    @Test
    void nonAsciiTextIsEscapedAsJsonDumpsDoes() throws Exception {
        Sale sale = read("I138884,M\u00fc\u015fteri \u0130,Female,28,Clothing,5,1500.4,Credit Card,5/8/2022,Kanyon");

        assertThat(text(new JsonSaleEncoder(SaleKey.INVOICE_NO).value(sale)))
            .contains("\"customer_id\": \"M\\u00fc\\u015fteri \\u0130\", ");
    }

    private Sale read(String row) throws Exception {
        Path file = Files.writeString(dir.resolve("sales.csv"), String.join(",", SaleCsvReader.HEADER) + "\n" + row + "\n");
        try (SaleCsvReader reader = SaleCsvReader.open(file, Clock.systemUTC())) {
            return ((SaleRow.Accepted) reader.next()).sale();
        }
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
