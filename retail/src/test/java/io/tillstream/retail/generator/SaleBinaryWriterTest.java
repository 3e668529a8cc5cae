package io.tillstream.retail.generator;

import io.tillstream.retail.Sale;
import io.tillstream.retail.SyntheticSales;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The writer's bytes against Avro's own for the same sale, which is all it promises. */
class SaleBinaryWriterTest {

    private static final byte[] NO_HEADER = new byte[0];

    private final SpecificDatumWriter<Sale> avro = new SpecificDatumWriter<>(Sale.class);
    private final ByteArrayOutputStream avroBytes = new ByteArrayOutputStream();
    private BinaryEncoder avroEncoder;

    @ParameterizedTest
    @ValueSource(longs = {0, 42, 20_261_124, -7})
    void aHundredThousandSyntheticSalesAreWrittenByteForByteAsAvroWritesThem(long seed) {
        SaleBinaryWriter writer = new SaleBinaryWriter(NO_HEADER);
        SyntheticSales sales = new SyntheticSales(seed, 5_000, Clock.systemUTC());
        for (int i = 0; i < 100_000; i++) {
            Sale sale = sales.next();
            assertThat(writer.write(sale)).as("sale %d of seed %d: %s", i, seed, sale).isEqualTo(avro(sale));
        }
    }

    @Test
    void everyPriceUpToTwelveDigitsAroundEachByteBoundaryIsWrittenAsAvroWritesIt() {
        List<Consumer<Sale>> prices = new ArrayList<>();
        for (int bits = 0; bits < 40; bits++) {
            for (long unscaled : new long[] {(1L << bits) - 1, 1L << bits, (1L << bits) + 1}) {
                prices.add(sale -> sale.setPrice(BigDecimal.valueOf(unscaled, 2)));
                prices.add(sale -> sale.setPrice(BigDecimal.valueOf(-unscaled, 2)));
            }
        }
        prices.add(sale -> sale.setPrice(new BigDecimal("9999999999.99")));
        prices.add(sale -> sale.setPrice(new BigDecimal("-9999999999.99")));
        prices.add(sale -> sale.setPrice(new BigDecimal("0.00")));
        assertWrittenAsAvroWritesThem(prices);
    }

    @Test
    void nonAsciiAndEmptyTextIsWrittenAsAvroWritesIt() {
        assertWrittenAsAvroWritesThem(List.of(
            sale -> sale.setShoppingMall("\u0130stinye Park"),
            sale -> sale.setCustomerId("\u00c7a\u011fla"),
            sale -> sale.setInvoiceNo("I12345\u00e9"),
            sale -> sale.setInvoiceNo("I\ud83d\ude00"),
            // A lone surrogate: both sides let Java's encoder replace it.
            sale -> sale.setCustomerId("C\ud800"),
            sale -> sale.setGender("Kad\u0131n"),
            sale -> sale.setCategory("Food & Beverage \u20ac"),
            sale -> sale.setPaymentMethod(""),
            sale -> sale.setInvoiceNo(""),
            sale -> sale.setShoppingMall("x".repeat(100_000))));
    }

    @Test
    void ageQuantityDateAndEventTimeExtremesAreWrittenAsAvroWritesThem() {
        List<Consumer<Sale>> cases = new ArrayList<>();
        for (int value : new int[] {0, 1, -1, 63, 64, -64, -65, 8191, 8192, Integer.MAX_VALUE, Integer.MIN_VALUE}) {
            cases.add(sale -> sale.setAge(value));
            cases.add(sale -> sale.setQuantity(value));
            cases.add(sale -> sale.setInvoiceDate(LocalDate.ofEpochDay(value)));
        }
        for (long millis : new long[] {0, -1, 1, -86_400_000L, 1_764_000_000_000L, Long.MAX_VALUE, Long.MIN_VALUE}) {
            cases.add(sale -> sale.setEventTime(Instant.ofEpochMilli(millis)));
        }
        cases.add(sale -> sale.setEventTime(Instant.ofEpochSecond(-1, 999_999)));
        assertWrittenAsAvroWritesThem(cases);
    }

    @Test
    void moreDistinctLabelsThanItCachesAreStillWrittenAsAvroWritesThem() {
        List<Consumer<Sale>> malls = new ArrayList<>();
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < 200; i++) {
                String mall = "Mall " + i;
                malls.add(sale -> sale.setShoppingMall(new String(mall)));
            }
        }
        assertWrittenAsAvroWritesThem(malls);
    }

    @Test
    void theHeaderComesFirst() {
        Sale sale = sample();
        byte[] header = {0, 0, 0, 1, 7};

        byte[] written = new SaleBinaryWriter(header).write(sale);

        assertThat(written).startsWith(header);
        assertThat(written).endsWith(avro(sale));
        assertThat(written).hasSize(header.length + avro(sale).length);
    }

    @Test
    void aPriceAvroWouldRescaleOrRejectANullFieldOrADayBeyondAnIntIsRefused() {
        SaleBinaryWriter writer = new SaleBinaryWriter(NO_HEADER);
        List<Consumer<Sale>> refused = List.of(
            sale -> sale.setPrice(new BigDecimal("10.5")),
            sale -> sale.setPrice(new BigDecimal("10.500")),
            sale -> sale.setPrice(new BigDecimal("10000000000.00")),
            sale -> sale.setInvoiceNo(null),
            sale -> sale.setPrice(null),
            sale -> sale.setInvoiceDate(LocalDate.ofEpochDay(Integer.MAX_VALUE + 1L)));
        for (Consumer<Sale> change : refused) {
            Sale sale = sample();
            change.accept(sale);
            assertThatThrownBy(() -> writer.write(sale)).as("%s", sale).isInstanceOf(RuntimeException.class);
        }
    }

    /** Each change applied to a fresh sample sale, written by one writer in turn as a run would. */
    private void assertWrittenAsAvroWritesThem(List<Consumer<Sale>> changes) {
        SaleBinaryWriter writer = new SaleBinaryWriter(NO_HEADER);
        for (Consumer<Sale> change : changes) {
            Sale sale = sample();
            change.accept(sale);
            assertThat(writer.write(sale)).as("%s", sale).isEqualTo(avro(sale));
        }
    }

    private static Sale sample() {
        return new SyntheticSales(1, 10, Clock.systemUTC()).next();
    }

    private byte[] avro(Sale sale) {
        avroBytes.reset();
        avroEncoder = EncoderFactory.get().binaryEncoder(avroBytes, avroEncoder);
        try {
            avro.write(sale, avroEncoder);
            avroEncoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return avroBytes.toByteArray();
    }
}
