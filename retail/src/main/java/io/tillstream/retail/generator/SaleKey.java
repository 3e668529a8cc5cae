package io.tillstream.retail.generator;

import io.tillstream.retail.Sale;

import java.util.Arrays;
import java.util.function.Function;

/** Which field of a sale becomes the record key, and so decides its partition. */
public enum SaleKey {
    INVOICE_NO("invoice_no", Sale::getInvoiceNo),
    CUSTOMER_ID("customer_id", Sale::getCustomerId),
    SHOPPING_MALL("shopping_mall", Sale::getShoppingMall),
    /** Null keys: the producer spreads records over partitions by batch. */
    NONE("none", sale -> null);

    private final String fieldName;
    private final Function<Sale, String> field;

    SaleKey(String fieldName, Function<Sale, String> field) {
        this.fieldName = fieldName;
        this.field = field;
    }

    /** The dataset's column name, as the setting and the json key write it. */
    public String fieldName() {
        return fieldName;
    }

    /** The key's value for {@code sale}; null for {@link #NONE}. */
    public String of(Sale sale) {
        return field.apply(sale);
    }

    public static String[] fieldNames() {
        return Arrays.stream(values()).map(SaleKey::fieldName).toArray(String[]::new);
    }

    public static SaleKey forName(String name) {
        return Arrays.stream(values()).filter(k -> k.fieldName.equals(name)).findFirst()
            .orElseThrow(() -> new IllegalArgumentException("no sale key " + name));
    }
}
