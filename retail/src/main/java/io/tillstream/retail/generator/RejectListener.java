package io.tillstream.retail.generator;

import io.tillstream.retail.SaleRow;

import java.nio.file.Path;

/** Told about each input row that is not a valid sale, in file order. */
@FunctionalInterface
public interface RejectListener {

    void rejected(Path file, SaleRow.Rejected row);

    /** This listener, then {@code next}. */
    default RejectListener andThen(RejectListener next) {
        return (file, row) -> {
            rejected(file, row);
            next.rejected(file, row);
        };
    }
}
