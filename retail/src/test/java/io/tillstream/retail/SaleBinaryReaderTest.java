package io.tillstream.retail;

import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The reader's sale against Avro's own reading of the same bytes, which is all it promises. */
class SaleBinaryReaderTest {

    private final SpecificDatumWriter<Sale> writer = new SpecificDatumWriter<>(Sale.class);
    private final SpecificDatumReader<Sale> avro = new SpecificDatumReader<>(Sale.getClassSchema(), Sale.getClassSchema(),
        new SaleClassData());
    private final SaleBinaryReader reader = SaleBinaryReader.get();

    @Test
    void aHundredThousandSyntheticSalesReadAsAvroReadsThem() {
        SyntheticSales sales = new SyntheticSales(20_261_129, 5_000, Clock.systemUTC());
        for (int i = 0; i < 100_000; i++) {
            byte[] bytes = avroBytes(sales.next());
            assertThat(reader.read(bytes, 0)).as("sale %d", i).isEqualTo(avroRead(bytes));
        }
    }

    @Test
    void extremesAndNonAsciiTextReadAsAvroReadsThem() {
        List<Consumer<Sale>> cases = new ArrayList<>();
        for (int bits = 0; bits < 40; bits += 3) {
            long unscaled = (1L << bits) + 1;
            cases.add(sale -> sale.setPrice(BigDecimal.valueOf(unscaled, 2)));
            cases.add(sale -> sale.setPrice(BigDecimal.valueOf(-unscaled, 2)));
        }
        cases.add(sale -> sale.setPrice(new BigDecimal("-9999999999.99")));
        for (int value : new int[] {0, -1, 64, -65, Integer.MAX_VALUE, Integer.MIN_VALUE}) {
            cases.add(sale -> sale.setAge(value));
            cases.add(sale -> sale.setInvoiceDate(LocalDate.ofEpochDay(value)));
        }
        for (long millis : new long[] {0, -1, Long.MAX_VALUE, Long.MIN_VALUE}) {
            cases.add(sale -> sale.setEventTime(Instant.ofEpochMilli(millis)));
        }
        cases.add(sale -> sale.setShoppingMall("\u0130stinye Park"));
        cases.add(sale -> sale.setInvoiceNo("I\ud83d\ude00"));
        cases.add(sale -> sale.setCustomerId(""));
        for (Consumer<Sale> change : cases) {
            Sale sale = new SyntheticSales(1, 10, Clock.systemUTC()).next();
            change.accept(sale);
            byte[] bytes = avroBytes(sale);
            assertThat(reader.read(bytes, 0)).as("%s", sale).isEqualTo(avroRead(bytes)).isEqualTo(sale);
        }
    }

    @Test
    void theDatasetsLabelsReadAsTheLabelsOwnStringsAndOtherTextAsItself() {
        Sale sale = new SyntheticSales(5, 10, Clock.systemUTC()).next();
        sale.setCategory(Category.FOOD_AND_BEVERAGE.label());
        sale.setShoppingMall("Kanyon ");
        Sale read = reader.read(avroBytes(sale), 0);

        assertThat(read.getGender()).isSameAs(Gender.fromLabel(sale.getGender()).orElseThrow().label());
        assertThat(read.getCategory()).isSameAs(Category.FOOD_AND_BEVERAGE.label());
        assertThat(read.getPaymentMethod()).isSameAs(PaymentMethod.fromLabel(sale.getPaymentMethod()).orElseThrow().label());
        assertThat(read.getShoppingMall()).isEqualTo("Kanyon ");
        assertThat(read).isEqualTo(avroRead(avroBytes(sale)));
    }

    @Test
    void theSaleStartsAtTheOffsetGiven() {
        Sale sale = new SyntheticSales(3, 10, Clock.systemUTC()).next();
        byte[] body = avroBytes(sale);
        byte[] framed = new byte[body.length + 5];
        System.arraycopy(body, 0, framed, 5, body.length);

        assertThat(reader.read(framed, 5)).isEqualTo(sale);
    }

    @Test
    void everyTruncationOfASaleIsRefusedAsMalformed() {
        byte[] bytes = avroBytes(new SyntheticSales(5, 10, Clock.systemUTC()).next());
        for (int length = 0; length < bytes.length; length++) {
            byte[] truncated = Arrays.copyOf(bytes, length);
            assertThatThrownBy(() -> reader.read(truncated, 0)).as("%d of %d bytes", length, bytes.length)
                .isInstanceOf(SaleBinaryReader.MalformedAvroException.class);
        }
    }

    @Test
    void aNegativeLengthOrAnOverlongIntIsRefusedAsMalformed() {
        assertThatThrownBy(() -> reader.read(new byte[] {1}, 0)).isInstanceOf(SaleBinaryReader.MalformedAvroException.class)
            .hasMessageContaining("length of -1");
        byte[] overlongAge = {0, 0, 0, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0};
        assertThatThrownBy(() -> reader.read(overlongAge, 0)).isInstanceOf(SaleBinaryReader.MalformedAvroException.class)
            .hasMessageContaining("longer than five bytes");
    }

    @Test
    void onlySalesLaidOutAsTheReaderReadsThemAreLeftToIt() {
        assertThat(SaleAvroLayout.matches(Sale.getClassSchema())).isTrue();
        String withoutEventTime = Sale.getClassSchema().toString().replaceFirst(
            ",\\{\"name\":\"event_time\".*\\}\\]\\}$", "]}");
        assertThat(SaleAvroLayout.matches(new Schema.Parser().parse(withoutEventTime))).isFalse();
        assertThat(SaleAvroLayout.matches(Schema.create(Schema.Type.STRING))).isFalse();
    }

    /** Avro's specific model, trusting Sale's class (Avro only loads classes by name from allowed packages). */
    private static final class SaleClassData extends SpecificData {
        @Override
        @SuppressWarnings("rawtypes")
        public Class getClass(Schema schema) {
            return schema.getFullName().equals(Sale.getClassSchema().getFullName()) ? Sale.class : super.getClass(schema);
        }
    }

    private byte[] avroBytes(Sale sale) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        try {
            writer.write(sale, encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private Sale avroRead(byte[] bytes) {
        try {
            return avro.read(null, DecoderFactory.get().binaryDecoder(bytes, null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
