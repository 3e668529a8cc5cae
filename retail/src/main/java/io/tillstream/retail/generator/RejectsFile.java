package io.tillstream.retail.generator;

import io.tillstream.retail.SaleRow;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes rejected rows to a CSV file with the columns {@code line,reason,row}: the line number in the
 * input, why it was rejected, and the line as it stood, quoted, so the rows can be fixed and replayed.
 */
final class RejectsFile implements RejectListener, AutoCloseable {

    private final Path path;
    private final BufferedWriter out;

    private RejectsFile(Path path, BufferedWriter out) {
        this.path = path;
        this.out = out;
    }

    static RejectsFile create(Path path) {
        try {
            BufferedWriter out = Files.newBufferedWriter(path, StandardCharsets.UTF_8);
            out.write("line,reason,row\n");
            return new RejectsFile(path, out);
        } catch (IOException e) {
            throw new GeneratorException("cannot write rejects file " + path + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void rejected(Path file, SaleRow.Rejected row) {
        try {
            out.write(row.line() + "," + quoted(row.reason()) + "," + quoted(row.text()) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write rejects file " + path, e);
        }
    }

    private static String quoted(String text) {
        return '"' + text.replace("\"", "\"\"") + '"';
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write rejects file " + path, e);
        }
    }
}
