package io.tillstream.pipeline.topology;

import io.tillstream.retail.DeadLetters;
import io.tillstream.retail.Sale;
import io.tillstream.retail.SaleCsvReader;
import io.tillstream.retail.SaleRow;
import io.tillstream.retail.SaleRules;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The table that keeps {@code generate --source csv} and {@code process} agreeing on what a valid
 * sale is: each row of it goes through the CSV reader as a line of a file and through the topology
 * as an Avro record, and both must give the verdict the table says, in the same words.
 */
class ValidSaleVerdictTest {

    /** The dataset's first row, with its date written the ISO way that copies of the file use. */
    private static final List<String> VALID_ROW = List.of("I138884", "C241288", "Female", "28", "Clothing", "5", "1500.40",
        "Credit Card", "2022-08-05", "Kanyon");

    @TempDir
    static Path dir;
    private static final TopologyHarness topology = TopologyHarness.start();

    @AfterAll
    static void closeTopology() {
        topology.close();
    }

    /** A name, the field expected to be rejected (null: the sale is valid), then the columns that differ from {@link #VALID_ROW}. */
    static Stream<Arguments> edgeCases() {
        return Stream.of(
            row("the dataset's own row", null),
            row("a price a cent under quantity x unit price", "price", "price", "1500.39"),
            row("a price a cent over quantity x unit price", "price", "price", "1500.41"),
            row("a price written with one decimal", null, "price", "1500.4"),
            row("age 9", "age", "age", "9"),
            row("age 10", null, "age", "10"),
            row("age 120", null, "age", "120"),
            row("age 121", "age", "age", "121"),
            row("a mall the dataset does not have", "shopping_mall", "shopping_mall", "Kanyon AVM"),
            row("a mall's name in other letter case", "shopping_mall", "shopping_mall", "kanyon"),
            row("a payment method the dataset does not have", "payment_method", "payment_method", "Bitcoin"),
            row("a category the dataset does not have", "category", "category", "Garden"),
            row("a gender the dataset does not have", "gender", "gender", "Other"),
            row("quantity 0", "quantity", "quantity", "0", "price", "0.00"),
            row("quantity 1 at the unit price", null, "quantity", "1", "price", "300.08"),
            row("29 February of a leap year", null, "invoice_date", "2024-02-29"),
            row("the last day of 1999", "invoice_date", "invoice_date", "1999-12-31"),
            row("the first day of 2000", null, "invoice_date", "2000-01-01"),
            row("the last day of 2099", null, "invoice_date", "2099-12-31"),
            row("the first day of 2100", "invoice_date", "invoice_date", "2100-01-01"),
            row("no invoice number", "invoice_no", "invoice_no", ""),
            row("a customer id of spaces", "customer_id", "customer_id", "  "));
    }

    /**
     * Rows no Avro sale can carry, so only the CSV reader meets them: a name, the field rejected, what
     * stops the Avro record (an Avro date is a day number; the decimal's precision is the schema's),
     * and the columns that differ.
     */
    static Stream<Arguments> rowsNoAvroSaleCanCarry() {
        return Stream.of(
            Arguments.of("29 February of a non-leap year", "invoice_date", DateTimeException.class,
                changed("invoice_date", "2023-02-29")),
            Arguments.of("a price larger than the schema's decimal(12,2)", "price", SerializationException.class,
                changed("category", "Technology", "quantity", "10000000", "price", "10500000000.00")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("edgeCases")
    void theCsvReaderAndThePipelineGiveTheSameVerdict(String name, String rejectedField, List<String> row) {
        Optional<String> csv = csvRejection(row);
        Optional<SaleRules.Violation> pipeline = pipelineRejection(row);

        assertThat(pipeline.map(SaleRules.Violation::field)).isEqualTo(Optional.ofNullable(rejectedField));
        assertThat(csv).isEqualTo(pipeline.map(SaleRules.Violation::reason));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rowsNoAvroSaleCanCarry")
    void aRowNoAvroSaleCanCarryIsRejectedByTheCsvReaderAndCannotReachThePipeline(
        String name, String rejectedField, Class<? extends Exception> whyNotAvro, List<String> row) {
        assertThat(csvRejection(row)).hasValueSatisfying(reason -> assertThat(reason).startsWith(rejectedField));
        assertThatThrownBy(() -> topology.avro(avroSale(row))).isInstanceOf(whyNotAvro);
    }

    private static Arguments row(String name, String rejectedField, String... columnsAndValues) {
        return Arguments.of(name, rejectedField, changed(columnsAndValues));
    }

    /** {@link #VALID_ROW} with each named column set to the value after it. */
    private static List<String> changed(String... columnsAndValues) {
        List<String> row = new ArrayList<>(VALID_ROW);
        for (int i = 0; i < columnsAndValues.length; i += 2) {
            int column = SaleCsvReader.HEADER.indexOf(columnsAndValues[i]);
            assertThat(column).as(columnsAndValues[i]).isNotNegative();
            row.set(column, columnsAndValues[i + 1]);
        }
        return row;
    }

    /** The CSV reader's reason for rejecting the row as a line of a file, or empty if it reads a sale. */
    private static Optional<String> csvRejection(List<String> row) {
        try {
            Path file = Files.writeString(Files.createTempFile(dir, "sales", ".csv"),
                String.join(",", SaleCsvReader.HEADER) + "\n" + String.join(",", row) + "\n");
            try (SaleCsvReader reader = SaleCsvReader.open(file, Clock.systemUTC())) {
                SaleRow read = reader.next();
                assertThat(reader.hasNext()).isFalse();
                return read instanceof SaleRow.Rejected rejected ? Optional.of(rejected.reason()) : Optional.empty();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The field and reason the topology's dead letter names, or empty if the sale went on enriched. */
    private static Optional<SaleRules.Violation> pipelineRejection(List<String> row) {
        Sale sale = avroSale(row);
        topology.send(sale);
        int enriched = topology.enriched().size();
        List<TestRecord<byte[], byte[]>> deadLetters = topology.deadLetters();
        assertThat(enriched + deadLetters.size()).as("records out for one in").isEqualTo(1);
        if (deadLetters.isEmpty()) {
            return Optional.empty();
        }
        TestRecord<byte[], byte[]> letter = deadLetters.get(0);
        assertThat(header(letter, DeadLetters.ERROR_CLASS_HEADER)).isEqualTo(DeadLetters.INVALID);
        return Optional.of(new SaleRules.Violation(header(letter, DeadLetters.ERROR_FIELD_HEADER),
            header(letter, DeadLetters.ERROR_REASON_HEADER)));
    }

    /** The row as a producer writes it in Avro, with the price at the schema's two decimal places. */
    private static Sale avroSale(List<String> row) {
        return Sales.sale()
            .setInvoiceNo(row.get(0))
            .setCustomerId(row.get(1))
            .setGender(row.get(2))
            .setAge(Integer.parseInt(row.get(3)))
            .setCategory(row.get(4))
            .setQuantity(Integer.parseInt(row.get(5)))
            .setPrice(new BigDecimal(row.get(6)).setScale(2))
            .setPaymentMethod(row.get(7))
            .setInvoiceDate(LocalDate.parse(row.get(8)))
            .setShoppingMall(row.get(9))
            .build();
    }

    private static String header(TestRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
