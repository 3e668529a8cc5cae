package io.tillstream.retail;

import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The writer's records against Avro's own bytes for the sales {@link SyntheticSales#next()} draws from the same seed. */
class SyntheticSaleWriterTest {

    private static final byte[] HEADER = {0, 0, 0, 0, 42};

    /**
     * The clocks start a minute before midnight in Istanbul and move 17 minutes and a bit per read, so
     * that invoice dates change every few dozen sales and event times carry milliseconds and more.
     */
    @ParameterizedTest
    @CsvSource({"0, 1", "42, 5000", "20261129, 100000", "-7, 3"})
    void aHundredThousandSalesAreAvrosBytesOfTheSalesTheStreamDraws(long seed, int customers) throws IOException {
        Instant start = Instant.parse("2026-11-29T20:59:00Z");
        Duration step = Duration.ofMinutes(17).plusNanos(123_456_789);
        SyntheticSales expected = new SyntheticSales(seed, customers, new TickingClock(start, step));
        SyntheticSaleWriter writer = new SyntheticSaleWriter(new SyntheticSales(seed, customers, new TickingClock(start, step)), HEADER);
        SpecificDatumWriter<Sale> avro = new SpecificDatumWriter<>(Sale.class);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        BinaryEncoder encoder = null;
        for (int i = 0; i < 100_000; i++) {
            Sale sale = expected.next();
            bytes.reset();
            bytes.write(HEADER);
            encoder = EncoderFactory.get().directBinaryEncoder(bytes, encoder);
            avro.write(sale, encoder);

            assertThat(writer.next()).as("sale %d of seed %d: %s", i, seed, sale).isEqualTo(bytes.toByteArray());
            assertThat(writer.invoiceNo()).isEqualTo(utf8(sale.getInvoiceNo()));
            assertThat(writer.customerId()).isEqualTo(utf8(sale.getCustomerId()));
            assertThat(writer.shoppingMall()).isEqualTo(utf8(sale.getShoppingMall()));
        }
    }

    private static byte[] utf8(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
