package io.tillstream.retail;

/**
 * What {@link SyntheticSales} draws for one sale, before it becomes a {@link Sale} or is written straight
 * to bytes ({@link SyntheticSaleWriter}): mutable and reused, so that drawing makes no garbage.
 */
final class SaleDraw {
    /** Index into the customer pool. */
    int customer;
    Category category;
    int quantity;
    /** The invoice code's digits; its letter is the sequence's. */
    long invoiceNumber;
    PaymentMethod paymentMethod;
    ShoppingMall shoppingMall;
}
