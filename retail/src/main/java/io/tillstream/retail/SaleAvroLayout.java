package io.tillstream.retail;

import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The field layout of Sale's Avro schema that the hand-written binary codecs (the generator's writer,
 * {@link SaleBinaryReader}) encode and decode: the fields in order, each as name, Avro type and
 * logical type. A codec that meets any other layout leaves the record to Avro itself.
 */
public final class SaleAvroLayout {

    public static final int PRICE_PRECISION = 12;
    public static final int PRICE_SCALE = 2;
    private static final List<String> FIELDS = List.of("invoice_no string", "customer_id string", "gender string",
        "age int", "category string", "quantity int", "price bytes decimal(" + PRICE_PRECISION + "," + PRICE_SCALE + ")",
        "payment_method string", "invoice_date int date", "shopping_mall string", "event_time long timestamp-millis");

    private SaleAvroLayout() {
    }

    /** Whether {@code schema} lays a sale out exactly as the codecs do. */
    public static boolean matches(Schema schema) {
        return schema.getType() == Schema.Type.RECORD && describe(schema).equals(FIELDS);
    }

    /**
     * Writes a sale's fields in this layout: a Sale's, and the first eleven of an enriched sale's,
     * which begins with the same fields.
     */
    public static void write(AvroBinaryOutput out, String invoiceNo, String customerId, String gender, int age, String category,
                             int quantity, BigDecimal price, String paymentMethod, LocalDate invoiceDate, String shoppingMall,
                             Instant eventTime) {
        out.writeString(invoiceNo);
        out.writeString(customerId);
        out.writeLabel(gender);
        out.writeLong(age);
        out.writeLabel(category);
        out.writeLong(quantity);
        out.writeDecimal(price, PRICE_PRECISION, PRICE_SCALE);
        out.writeLabel(paymentMethod);
        out.writeLong(Math.toIntExact(invoiceDate.toEpochDay()));
        out.writeLabel(shoppingMall);
        out.writeLong(eventTime.toEpochMilli());
    }

    /** Checks that Sale's generated class still has the layout the codecs were written for. */
    public static void requireSaleClassLayout() {
        List<String> fields = describe(Sale.getClassSchema());
        if (!fields.equals(FIELDS)) {
            throw new IllegalStateException("Sale's schema changed: its fields are " + fields + ", but the binary codecs "
                + "handle " + FIELDS);
        }
    }

    /** A record schema's fields as name, Avro type and logical type, e.g. {@code price bytes decimal(12,2)}. */
    public static List<String> describe(Schema schema) {
        return schema.getFields().stream().map(field -> {
            Schema type = field.schema();
            LogicalType logical = type.getLogicalType();
            String name = field.name() + " " + type.getName();
            if (logical instanceof LogicalTypes.Decimal decimal) {
                return name + " decimal(" + decimal.getPrecision() + "," + decimal.getScale() + ")";
            }
            return logical == null ? name : name + " " + logical.getName();
        }).toList();
    }
}
