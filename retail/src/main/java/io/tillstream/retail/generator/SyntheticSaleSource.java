package io.tillstream.retail.generator;

import io.tillstream.retail.Sale;
import io.tillstream.retail.SyntheticSales;

/** Endless synthetic sales; an encoder that can draw them straight into bytes takes {@link #sales()} instead. */
final class SyntheticSaleSource implements SaleSource {

    private final SyntheticSales sales;

    SyntheticSaleSource(SyntheticSales sales) {
        this.sales = sales;
    }

    SyntheticSales sales() {
        return sales;
    }

    @Override
    public boolean hasNext() {
        return true;
    }

    @Override
    public Sale next() {
        return sales.next();
    }

    @Override
    public void close() {
        // Nothing held.
    }
}
