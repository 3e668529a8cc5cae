package io.tillstream.retail;

import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;

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
        return schema.getType() == Schema.Type.RECORD && fields(schema).equals(FIELDS);
    }

    /** Checks that Sale's generated class still has the layout the codecs were written for. */
    public static void requireSaleClassLayout() {
        List<String> fields = fields(Sale.getClassSchema());
        if (!fields.equals(FIELDS)) {
            throw new IllegalStateException("Sale's schema changed: its fields are " + fields + ", but the binary codecs "
                + "handle " + FIELDS);
        }
    }

    /** Each field as name, Avro type and logical type, e.g. {@code price bytes decimal(12,2)}. */
    private static List<String> fields(Schema schema) {
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
