package io.tillstream.retail.generator;

import io.tillstream.retail.Sale;
import io.tillstream.retail.SaleCsvReader;
import io.tillstream.retail.SyntheticSales;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Iterator;

/** The sales a generator sends: endless synthetic ones, or a file's valid rows. */
public interface SaleSource extends Iterator<Sale>, AutoCloseable {

    @Override
    void close();

    /** Sales drawn from the dataset's distributions, reproducible by {@code seed}. */
    static SaleSource synthetic(long seed, int customers, Clock clock) {
        return new SyntheticSaleSource(new SyntheticSales(seed, customers, clock));
    }

    /**
     * The valid rows of {@code file}; each invalid one goes to {@code rejects} and is skipped.
     *
     * @throws io.tillstream.retail.SaleFileException if the file is missing or its header is wrong
     */
    static SaleSource csv(Path file, Clock clock, RejectListener rejects) {
        return new CsvSaleSource(SaleCsvReader.open(file, clock), rejects);
    }
}
