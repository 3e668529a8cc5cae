package io.tillstream.retail;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Streams the rows of a file in the customer-shopping dataset's own CSV layout, one line at a time,
 * so memory stays flat for a file of any size. A row that cannot be read as a sale, or whose sale
 * breaks {@link SaleRules}, comes back as {@link SaleRow.Rejected} with the reason; the rows around it
 * are unaffected.
 *
 * <p>Dates are read as the original writes them, day/month/year ({@code 5/8/2022} is 5 August
 * 2022), and as the {@code dd-mm-yyyy} and ISO {@code yyyy-mm-dd} forms that copies of the file use.
 */
public final class SaleCsvReader implements Iterator<SaleRow>, Closeable {

    public static final List<String> HEADER = List.of("invoice_no", "customer_id", "gender", "age", "category",
        "quantity", "price", "payment_method", "invoice_date", "shopping_mall");
    private static final Pattern DAY_FIRST = Pattern.compile("(\\d{1,2})[/-](\\d{1,2})[/-](\\d{4})");
    private static final Pattern ISO = Pattern.compile("(\\d{4})-(\\d{1,2})-(\\d{1,2})");

    private final Path file;
    private final BufferedReader reader;
    private final Clock clock;
    private long line = 1;
    private String pending;

    private SaleCsvReader(Path file, BufferedReader reader, Clock clock) {
        this.file = file;
        this.reader = reader;
        this.clock = clock;
    }

    /**
     * Opens {@code file} and checks its header.
     *
     * @param clock stamps each sale's event time as it is read
     * @throws SaleFileException if the file cannot be read or its header is not the dataset's
     */
    public static SaleCsvReader open(Path file, Clock clock) {
        BufferedReader reader;
        try {
            reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new SaleFileException(file + ": no such file");
        } catch (IOException e) {
            throw new SaleFileException(file + ": cannot read it: " + e.getMessage());
        }
        try {
            String header = reader.readLine();
            List<String> columns = header == null ? List.of() : split(header.replace("\uFEFF", "")).stream()
                .map(String::trim).toList();
            if (!columns.equals(HEADER)) {
                reader.close();
                throw new SaleFileException(file + ":1: the header must be " + String.join(",", HEADER)
                    + (header == null ? ", but the file is empty" : ", not " + header));
            }
        } catch (IOException e) {
            throw new SaleFileException(file + ": cannot read it: " + e.getMessage());
        }
        return new SaleCsvReader(file, reader, clock);
    }

    public Path file() {
        return file;
    }

    @Override
    public boolean hasNext() {
        if (pending != null) {
            return true;
        }
        try {
            do {
                pending = reader.readLine();
                line++;
            } while (pending != null && pending.isBlank());
        } catch (IOException e) {
            throw new UncheckedIOException(file + ":" + line + ": cannot read it", e);
        }
        return pending != null;
    }

    @Override
    public SaleRow next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        String text = pending;
        pending = null;
        return parse(line, text);
    }

    private SaleRow parse(long number, String text) {
        List<String> fields = split(text);
        if (fields.size() != HEADER.size()) {
            return new SaleRow.Rejected(number, text, "expected " + HEADER.size() + " columns, found " + fields.size());
        }
        Sale sale;
        try {
            sale = new Sale(label(fields, 0), label(fields, 1), label(fields, 2), integer(fields, 3), label(fields, 4),
                integer(fields, 5), decimal(fields, 6), label(fields, 7), date(required(fields, 8)), label(fields, 9),
                clock.instant());
        } catch (RowException e) {
            return new SaleRow.Rejected(number, text, e.getMessage());
        }
        Optional<SaleRules.Violation> violation = SaleRules.check(sale);
        if (violation.isPresent()) {
            return new SaleRow.Rejected(number, text, violation.get().reason());
        }
        // The file writes 1500.4; the schema's decimal holds exactly two places. The rules made sure nothing rounds.
        sale.setPrice(sale.getPrice().setScale(2));
        return new SaleRow.Accepted(number, text, sale);
    }

    /** A text column as written, without the spaces around it; {@link SaleRules} decides whether it is a valid value. */
    private static String label(List<String> fields, int index) {
        return fields.get(index).trim();
    }

    private static String required(List<String> fields, int index) {
        String value = fields.get(index).trim();
        if (value.isEmpty()) {
            throw new RowException(HEADER.get(index) + " is empty");
        }
        return value;
    }

    private static int integer(List<String> fields, int index) {
        String value = required(fields, index);
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new RowException(HEADER.get(index) + " '" + value + "' is not a whole number");
        }
    }

    private static BigDecimal decimal(List<String> fields, int index) {
        String value = required(fields, index);
        try {
            return new BigDecimal(value);
        } catch (NumberFormatException e) {
            throw new RowException(HEADER.get(index) + " '" + value + "' is not a number");
        }
    }

    /** Reads d/m/yyyy, dd-mm-yyyy and yyyy-mm-dd. */
    static LocalDate date(String value) {
        try {
            Matcher dayFirst = DAY_FIRST.matcher(value);
            if (dayFirst.matches()) {
                return LocalDate.of(Integer.parseInt(dayFirst.group(3)), Integer.parseInt(dayFirst.group(2)),
                    Integer.parseInt(dayFirst.group(1)));
            }
            Matcher iso = ISO.matcher(value);
            if (iso.matches()) {
                return LocalDate.of(Integer.parseInt(iso.group(1)), Integer.parseInt(iso.group(2)),
                    Integer.parseInt(iso.group(3)));
            }
        } catch (DateTimeException e) {
            throw new RowException("invoice_date '" + value + "' is not a real date: " + e.getMessage());
        }
        throw new RowException("invoice_date '" + value + "' is not d/m/yyyy, dd-mm-yyyy or yyyy-mm-dd");
    }

    /** Splits a CSV line on commas outside double quotes; a doubled quote inside quotes is one quote. */
    static List<String> split(String text) {
        List<String> fields = new ArrayList<>(HEADER.size());
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }

    @Override
    public void close() {
        try {
            reader.close();
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot close it", e);
        }
    }

    /** Why a row is not a sale; becomes a {@link SaleRow.Rejected}, never escapes the reader. */
    private static final class RowException extends RuntimeException {
        RowException(String message) {
            super(message, null, false, false);
        }
    }
}
