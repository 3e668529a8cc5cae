package io.tillstream.retail;

/**
 * One data row of a sales CSV file: either a sale, or the reason it was rejected, with the line it
 * came from so that the rejection can be found and fixed.
 */
public sealed interface SaleRow {

    /** 1-based line number in the file (the header is line 1). */
    long line();

    /** The row as it stood in the file. */
    String text();

    record Accepted(long line, String text, Sale sale) implements SaleRow {
    }

    record Rejected(long line, String text, String reason) implements SaleRow {
    }
}
