package io.tillstream.serde;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tillstream.serde.client.SchemaDefinition;
import io.tillstream.serde.internals.json.JsonMapping;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;

/**
 * The sale for JSON Schema tests and benchmarks: its schema (a copy of the retail module's
 * {@code Sale.schema.json}), and the first line of the retail dataset as a Java record and as the
 * compact JSON Confluent's serializer writes for it.
 */
public final class JsonSales {

    private static final JsonNode SCHEMA = read("/json/sale.schema.json");

    /** What Jackson writes for {@link #record()}: the record's components in order, the price with its scale. */
    public static final String JSON = "{\"invoice_no\":\"I138884\",\"customer_id\":\"C241288\",\"gender\":\"Female\","
        + "\"age\":28,\"category\":\"Clothing\",\"quantity\":5,\"price\":1500.40,\"payment_method\":\"Credit Card\","
        + "\"invoice_date\":\"2022-08-05\",\"shopping_mall\":\"Kanyon\",\"event_time\":1651400000000}";

    private JsonSales() {
    }

    /** A sale as an application would declare it, named as the dataset names its columns. */
    public record Sale(
        @JsonProperty("invoice_no") String invoiceNo,
        @JsonProperty("customer_id") String customerId,
        String gender,
        int age,
        String category,
        int quantity,
        BigDecimal price,
        @JsonProperty("payment_method") String paymentMethod,
        @JsonProperty("invoice_date") @JsonFormat(shape = JsonFormat.Shape.STRING) LocalDate invoiceDate,
        @JsonProperty("shopping_mall") String shoppingMall,
        @JsonProperty("event_time") long eventTime) {
    }

    /** The sale's schema, a copy for the caller to change. */
    public static ObjectNode schema() {
        return SCHEMA.deepCopy();
    }

    public static Sale record() {
        return record("I138884", new BigDecimal("1500.40"));
    }

    /** The sale with another invoice number and price. */
    public static Sale record(String invoiceNo, BigDecimal price) {
        return new Sale(invoiceNo, "C241288", "Female", 28, "Clothing", 5, price, "Credit Card", LocalDate.of(2022, 8, 5),
            "Kanyon", 1_651_400_000_000L);
    }

    /** The sale's schema as the registry takes it. */
    public static SchemaDefinition definition() {
        return new SchemaDefinition(SCHEMA.toString(), "JSON", List.of());
    }

    /** {@link #JSON} as a tree whose price keeps its scale, as the deserializer reads it. */
    public static JsonNode tree() {
        return parse(JSON);
    }

    /** Parses JSON as the serdes do, decimals exact. */
    public static JsonNode parse(String json) {
        try {
            return JsonMapping.mapper(false, false).readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode read(String resource) {
        try (InputStream in = JsonSales.class.getResourceAsStream(resource)) {
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
