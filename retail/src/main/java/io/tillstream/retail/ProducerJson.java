package io.tillstream.retail;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * Reads a sale as the original {@code generate_dataset_to_kafka.py} producer wrote it with
 * {@code json.dumps} (what {@code generate --format json} writes too): the CSV's ten columns by name,
 * age a number, quantity a string ({@code "5"}) or number, price a float ({@code 1500.4}), and
 * invoice_date the string of a Python datetime ({@code "2022-08-05 00:00:00"}) or an ISO date. The
 * producer's text carries no event time, so the sale's is zero (the record's timestamp stands in for
 * it); the sale's JSON Schema shape ({@link SaleJsonSchema}) is read the same way, with its event_time.
 */
public final class ProducerJson {

    private static final ObjectMapper JSON = new ObjectMapper()
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private ProducerJson() {
    }

    /** A value that is not a sale in the producer's JSON; the message names the field. */
    public static final class MalformedSaleException extends RuntimeException {
        MalformedSaleException(String message) {
            super(message);
        }
    }

    /** Whether {@code value} looks like JSON text rather than a schema registry's framed bytes (magic byte 0). */
    public static boolean looksLikeJson(byte[] value) {
        for (byte b : value) {
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return b == '{';
            }
        }
        return false;
    }

    /**
     * The sale in {@code value}, its fields as written (whether they obey the sale's rules is
     * {@link SaleRules}' question).
     *
     * @throws MalformedSaleException if the text is not a JSON object, or a field is missing or not of its kind
     */
    public static Sale read(byte[] value) {
        return read(tree(value));
    }

    private static JsonNode tree(byte[] value) {
        JsonNode json;
        try {
            json = JSON.readTree(value);
        } catch (JsonParseException e) {
            throw new MalformedSaleException("not JSON: " + e.getOriginalMessage() + " at column " + e.getLocation().getColumnNr());
        } catch (IOException e) {
            throw new MalformedSaleException("not JSON: " + e.getMessage());
        }
        return json;
    }

    /**
     * The sale in a parsed JSON value, as {@link #read(byte[])} reads it; an event_time in epoch
     * milliseconds, which the sale's JSON Schema has and the producer never wrote, is read too.
     */
    public static Sale read(JsonNode json) {
        if (json == null || !json.isObject()) {
            throw new MalformedSaleException("not a JSON object");
        }
        BigDecimal price = decimal(json, "price");
        if (price.stripTrailingZeros().scale() > 2) {
            throw new MalformedSaleException("price " + price.toPlainString() + " has more than two decimals");
        }
        return Sale.newBuilder()
            .setInvoiceNo(text(json, "invoice_no"))
            .setCustomerId(text(json, "customer_id"))
            .setGender(text(json, "gender"))
            .setAge(whole(json, "age"))
            .setCategory(text(json, "category"))
            .setQuantity(whole(json, "quantity"))
            .setPrice(price.setScale(2))
            .setPaymentMethod(text(json, "payment_method"))
            .setInvoiceDate(date(json, "invoice_date"))
            .setShoppingMall(text(json, "shopping_mall"))
            .setEventTime(json.hasNonNull("event_time") ? Instant.ofEpochMilli(wholeLong(json, "event_time")) : Instant.EPOCH)
            .build();
    }

    private static JsonNode field(JsonNode json, String name) {
        JsonNode value = json.get(name);
        if (value == null || value.isNull()) {
            throw new MalformedSaleException("field " + name + " is missing");
        }
        return value;
    }

    private static String text(JsonNode json, String name) {
        JsonNode value = field(json, name);
        if (!value.isTextual()) {
            throw new MalformedSaleException("field " + name + " is not a string: " + value);
        }
        return value.textValue();
    }

    /** A whole number written as a number or, as the producer wrote quantity, as a string. */
    private static int whole(JsonNode json, String name) {
        JsonNode value = field(json, name);
        try {
            if (value.isIntegralNumber() && value.canConvertToInt()) {
                return value.intValue();
            }
            if (value.isTextual()) {
                return Integer.parseInt(value.textValue().trim());
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new MalformedSaleException("field " + name + " is not a whole number: " + value);
    }

    private static long wholeLong(JsonNode json, String name) {
        JsonNode value = field(json, name);
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            return value.longValue();
        }
        throw new MalformedSaleException("field " + name + " is not a whole number: " + value);
    }

    private static BigDecimal decimal(JsonNode json, String name) {
        JsonNode value = field(json, name);
        if (value.isNumber()) {
            return value.decimalValue();
        }
        throw new MalformedSaleException("field " + name + " is not a number: " + value);
    }

    /** Python's {@code str(datetime)} ({@code 2022-08-05 00:00:00}) or an ISO date. */
    private static LocalDate date(JsonNode json, String name) {
        String value = text(json, name).trim();
        String day = value.length() > 10 && (value.charAt(10) == ' ' || value.charAt(10) == 'T') ? value.substring(0, 10) : value;
        try {
            return LocalDate.parse(day);
        } catch (DateTimeParseException e) {
            throw new MalformedSaleException("field " + name + " is not a date: \"" + value + "\"");
        }
    }
}
