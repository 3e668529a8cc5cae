package io.tillstream.retail;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SaleCsvReaderTest {

    private static final String HEADER = "invoice_no,customer_id,gender,age,category,quantity,price,payment_method,invoice_date,shopping_mall";
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T10:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    @Test
    void theDatasetsOwnRowsBecomeSalesWithDayFirstDates() throws Exception {
        List<SaleRow> rows = read(HEADER,
            "I138884,C241288,Female,28,Clothing,5,1500.4,Credit Card,5/8/2022,Kanyon",
            "I317333,C111565,Male,21,Shoes,3,1800.51,Debit Card,12/12/2021,Forum Istanbul",
            "I127801,C266599,Male,20,Clothing,1,300.08,Cash,9/11/2021,Metrocity");

        assertThat(rows).allMatch(r -> r instanceof SaleRow.Accepted);
        Sale first = ((SaleRow.Accepted) rows.get(0)).sale();
        assertThat(first.getInvoiceNo()).isEqualTo("I138884");
        assertThat(first.getCustomerId()).isEqualTo("C241288");
        assertThat(first.getAge()).isEqualTo(28);
        assertThat(first.getQuantity()).isEqualTo(5);
        assertThat(first.getPrice()).isEqualTo(new BigDecimal("1500.40"));
        assertThat(first.getPaymentMethod()).isEqualTo("Credit Card");
        assertThat(first.getInvoiceDate()).isEqualTo(LocalDate.of(2022, 8, 5));
        assertThat(first.getShoppingMall()).isEqualTo("Kanyon");
        assertThat(first.getEventTime()).isEqualTo(CLOCK.instant());
        assertThat(rows).extracting(SaleRow::line).containsExactly(2L, 3L, 4L);
    }

    @Test
    void dashedAndIsoDatesAndQuotedFieldsAreReadToo() throws Exception {
        List<SaleRow> rows = read(HEADER,
            "I100001,C100001,Female,30,Books,2,30.30,Cash,05-08-2022,Kanyon",
            "I100002,C100002,Female,30,\"Food & Beverage\",1,5.23,Cash,2022-08-05,\"Mall of Istanbul\"");

        assertThat(rows).allSatisfy(r -> assertThat(((SaleRow.Accepted) r).sale().getInvoiceDate())
            .isEqualTo(LocalDate.of(2022, 8, 5)));
        assertThat(((SaleRow.Accepted) rows.get(1)).sale().getCategory()).isEqualTo("Food & Beverage");
    }

    @Test
    void eachKindOfBadRowIsRejectedWithItsLineAndReasonWhileTheRowsAroundGoThrough() throws Exception {
        List<SaleRow> rows = read(HEADER,
            "I100001,C100001,Female,30,Books,2,30.30,Cash,5/8/2022,Kanyon",
            "I100002,C100002,Female,30,Books,2,30.30,Cash,5/8/2022",
            "I100003,C100003,Female,30,Books,2,30.30,Cash,5/8/2022,Kanyon,extra",
            "I100004,C100004,Female,thirty,Books,2,30.30,Cash,5/8/2022,Kanyon",
            "I100005,C100005,Female,30,Books,two,30.30,Cash,5/8/2022,Kanyon",
            "I100006,C100006,Female,30,Garden,2,30.30,Cash,5/8/2022,Kanyon",
            "I100007,C100007,Female,30,Books,2,30.31,Cash,5/8/2022,Kanyon",
            "I100008,C100008,Female,30,Books,2,30.30,Cash,31/2/2022,Kanyon",
            "I100009,C100009,Female,30,Books,2,30.30,Cash,August 5th,Kanyon",
            "I100010,C100010,Female,30,Books,0,0.00,Cash,5/8/2022,Kanyon",
            ",C100011,Female,30,Books,2,30.30,Cash,5/8/2022,Kanyon",
            "I100012,C100012,Male,41,Toys,3,107.52,Debit Card,1/1/2023,Zorlu Center");

        assertThat(rows).extracting(SaleRow::line).containsExactly(2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L, 13L);
        assertThat(rows.get(0)).isInstanceOf(SaleRow.Accepted.class);
        assertThat(rows.get(11)).isInstanceOf(SaleRow.Accepted.class);
        assertThat(rows.subList(1, 11)).extracting(r -> ((SaleRow.Rejected) r).reason()).containsExactly(
            "expected 10 columns, found 9",
            "expected 10 columns, found 11",
            "age 'thirty' is not a whole number",
            "quantity 'two' is not a whole number",
            "unknown category 'Garden'",
            "price 30.31 is not 2 x 15.15 = 30.30",
            "invoice_date '31/2/2022' is not a real date: Invalid date 'FEBRUARY 31'",
            "invoice_date 'August 5th' is not d/m/yyyy, dd-mm-yyyy or yyyy-mm-dd",
            "quantity must be 1 or more, not 0",
            "invoice_no is empty");
        assertThat(((SaleRow.Rejected) rows.get(3)).text()).isEqualTo("I100004,C100004,Female,thirty,Books,2,30.30,Cash,5/8/2022,Kanyon");
    }

    @Test
    void aWrongHeaderOrAMissingFileIsOneLineNamingTheFile() throws Exception {
        Path wrong = Files.writeString(dir.resolve("wrong.csv"), "id,amount\n1,2\n");
        Path missing = dir.resolve("missing.csv");

        assertThatThrownBy(() -> SaleCsvReader.open(wrong, CLOCK)).isInstanceOf(SaleFileException.class)
            .hasMessage(wrong + ":1: the header must be " + HEADER + ", not id,amount");
        assertThatThrownBy(() -> SaleCsvReader.open(missing, CLOCK)).isInstanceOf(SaleFileException.class)
            .hasMessage(missing + ": no such file");
    }

    @Test
    void aByteOrderMarkWindowsLineEndsAndBlankLinesAreTolerated() throws Exception {
        Path file = Files.writeString(dir.resolve("excel.csv"), "\uFEFF" + HEADER + "\r\n"
            + "I100001,C100001,Female,30,Books,2,30.30,Cash,5/8/2022,Kanyon\r\n\r\n"
            + "I100002,C100002,Female,30,Books,1,15.15,Cash,5/8/2022,Kanyon\r\n");
        List<SaleRow> rows = new ArrayList<>();
        try (SaleCsvReader reader = SaleCsvReader.open(file, CLOCK)) {
            reader.forEachRemaining(rows::add);
        }

        assertThat(rows).allMatch(r -> r instanceof SaleRow.Accepted);
        assertThat(rows).extracting(SaleRow::line).containsExactly(2L, 4L);
    }

    private List<SaleRow> read(String... lines) throws Exception {
        Path file = Files.writeString(dir.resolve("sales.csv"), String.join("\n", lines) + "\n");
        List<SaleRow> rows = new ArrayList<>();
        try (SaleCsvReader reader = SaleCsvReader.open(file, CLOCK)) {
            reader.forEachRemaining(rows::add);
        }
        return rows;
    }
}
