package io.tillstream.retail.generator;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import io.tillstream.retail.Sale;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Duration;

/**
 * Writes what the original {@code generate_dataset_to_kafka.py} wrote with kafka-python and
 * {@code json.dumps}, so that a job written for it reads these records unchanged: key
 * {@code {"invoice_no": "I138884"}}, and a value with the CSV's ten columns in order, where age is a
 * number, quantity a string ({@code str(row[5])}), price a float ({@code 1500.4}, {@code 1050.0}) and
 * invoice_date the string of a Python datetime ({@code "2022-08-05 00:00:00"}). Separators are
 * json.dumps' own ({@code ", "} and {@code ": "}) and non-ASCII text is escaped, as json.dumps does,
 * in lower-case hex ({@code \u00fc}, where Jackson would write {@code \u00FC}).
 */
final class JsonSaleEncoder implements SaleEncoder {

    private static final JsonFactory JSON = JsonFactory.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII)
        .disable(JsonWriteFeature.WRITE_HEX_UPPER_CASE).build();

    private final SaleKey key;

    JsonSaleEncoder(SaleKey key) {
        this.key = key;
    }

    @Override
    public byte[] key(Sale sale) {
        if (key == SaleKey.NONE) {
            return null;
        }
        return write(json -> json.writeStringField(key.fieldName(), key.of(sale)));
    }

    @Override
    public byte[] value(Sale sale) {
        return write(json -> {
            json.writeStringField("invoice_no", sale.getInvoiceNo());
            json.writeStringField("customer_id", sale.getCustomerId());
            json.writeStringField("gender", sale.getGender());
            json.writeNumberField("age", sale.getAge());
            json.writeStringField("category", sale.getCategory());
            json.writeStringField("quantity", Integer.toString(sale.getQuantity()));
            json.writeFieldName("price");
            json.writeNumber(pythonFloat(sale.getPrice()));
            json.writeStringField("payment_method", sale.getPaymentMethod());
            json.writeStringField("invoice_date", sale.getInvoiceDate() + " 00:00:00");
            json.writeStringField("shopping_mall", sale.getShoppingMall());
        });
    }

    /**
     * How Python writes {@code float(text)} for a price with at most two decimals: the shortest form
     * that reads back the same, which is the decimal without trailing zeros, and always with a point.
     */
    static String pythonFloat(BigDecimal price) {
        String plain = price.stripTrailingZeros().toPlainString();
        return plain.indexOf('.') < 0 ? plain + ".0" : plain;
    }

    private interface Fields {
        void write(JsonGenerator json) throws IOException;
    }

    private static byte[] write(Fields fields) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (JsonGenerator json = JSON.createGenerator(bytes)) {
            json.setPrettyPrinter(PythonSeparators.INSTANCE);
            json.writeStartObject();
            fields.write(json);
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write JSON to memory", e);
        }
        return bytes.toByteArray();
    }

    @Override
    public void prepare(Duration timeout) {
        // No registry, nothing to prepare.
    }

    @Override
    public void close() {
        // Nothing held.
    }

    /** json.dumps' default separators: a space after each comma and colon, no line breaks. */
    private static final class PythonSeparators extends MinimalPrettyPrinter {
        static final PythonSeparators INSTANCE = new PythonSeparators();

        @Override
        public void writeObjectFieldValueSeparator(JsonGenerator json) throws IOException {
            json.writeRaw(": ");
        }

        @Override
        public void writeObjectEntrySeparator(JsonGenerator json) throws IOException {
            json.writeRaw(", ");
        }
    }
}
