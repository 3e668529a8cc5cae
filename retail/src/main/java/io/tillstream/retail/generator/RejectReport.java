package io.tillstream.retail.generator;

import io.tillstream.retail.SaleRow;

import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * Prints one {@code FILE:LINE: REASON} line per rejected row, up to a limit, so that a file full of
 * bad rows does not bury the terminal; past the limit one note says where the rest went.
 */
public final class RejectReport implements RejectListener {

    private final PrintWriter err;
    private final int limit;
    private final String whereTheRestGo;
    private int printed;

    /**
     * @param whereTheRestGo ends the note printed at the limit, e.g. "are only counted"
     */
    public RejectReport(PrintWriter err, int limit, String whereTheRestGo) {
        this.err = err;
        this.limit = limit;
        this.whereTheRestGo = whereTheRestGo;
    }

    @Override
    public void rejected(Path file, SaleRow.Rejected row) {
        if (printed < limit) {
            err.println(file + ":" + row.line() + ": " + row.reason());
        } else if (printed == limit) {
            err.println("(more than " + limit + " rejected rows; the rest " + whereTheRestGo + ")");
        } else {
            return;
        }
        printed++;
        err.flush();
    }
}
