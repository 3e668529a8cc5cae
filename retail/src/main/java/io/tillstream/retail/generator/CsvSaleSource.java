package io.tillstream.retail.generator;

import io.tillstream.retail.Sale;
import io.tillstream.retail.SaleCsvReader;
import io.tillstream.retail.SaleRow;

import java.util.NoSuchElementException;

/** A file's accepted rows as sales; rejected rows go to the listener as they are met, in file order. */
final class CsvSaleSource implements SaleSource {

    private final SaleCsvReader reader;
    private final RejectListener rejects;
    private Sale pending;

    CsvSaleSource(SaleCsvReader reader, RejectListener rejects) {
        this.reader = reader;
        this.rejects = rejects;
    }

    @Override
    public boolean hasNext() {
        while (pending == null && reader.hasNext()) {
            SaleRow row = reader.next();
            if (row instanceof SaleRow.Accepted accepted) {
                pending = accepted.sale();
            } else {
                rejects.rejected(reader.file(), (SaleRow.Rejected) row);
            }
        }
        return pending != null;
    }

    @Override
    public Sale next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Sale sale = pending;
        pending = null;
        return sale;
    }

    @Override
    public void close() {
        reader.close();
    }
}
