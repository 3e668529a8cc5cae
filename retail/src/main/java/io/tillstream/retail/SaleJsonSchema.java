package io.tillstream.retail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * A sale as the JSON of the shipped {@code Sale.schema.json}: the ten fields and event_time under
 * their snake_case names, quantity a number, price a decimal number written from the BigDecimal
 * (never through a double), invoice_date an ISO date and event_time epoch milliseconds. It is read
 * back with {@link ProducerJson#read(JsonNode)}, which takes this shape as well as the producer's.
 */
public final class SaleJsonSchema {

    /** The shipped schema, as the jsonschema format registers it. */
    public static final JsonNode SCHEMA = load();

    private SaleJsonSchema() {
    }

    public static ObjectNode toJson(Sale sale) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("invoice_no", sale.getInvoiceNo());
        json.put("customer_id", sale.getCustomerId());
        json.put("gender", sale.getGender());
        json.put("age", sale.getAge());
        json.put("category", sale.getCategory());
        json.put("quantity", sale.getQuantity());
        json.put("price", sale.getPrice());
        json.put("payment_method", sale.getPaymentMethod());
        json.put("invoice_date", sale.getInvoiceDate().toString());
        json.put("shopping_mall", sale.getShoppingMall());
        json.put("event_time", sale.getEventTime().toEpochMilli());
        return json;
    }

    private static JsonNode load() {
        try (InputStream in = SaleJsonSchema.class.getResourceAsStream("Sale.schema.json")) {
            if (in == null) {
                throw new IllegalStateException("Sale.schema.json is missing from the classpath: the build copies it from src/main/json");
            }
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read Sale.schema.json", e);
        }
    }
}
